import { useState } from 'react';
import { formatMinor } from '../format.ts';
import { BarcodeSvg, barcodeKindFor } from '../ui/barcode-svg.tsx';
import { PrintPageSize } from '../ui/print-page-size.tsx';
import { readLabelChoice } from './label-selection.ts';

/** An A4 sheet of shelf/price labels (3 × 8) for the chosen variants, drawn with bwip-js. */
export function LabelsPage() {
  const [variants] = useState(readLabelChoice);
  const [copies, setCopies] = useState(1);
  const labels = variants.flatMap((v) => Array.from({ length: copies }, () => v));
  return (
    <div className="page labels-page">
      <PrintPageSize size="A4" />
      <div className="page-head no-print">
        <h1>Barcode labels</h1>
        <label>
          Copies of each{' '}
          <input
            type="number"
            min={1}
            max={99}
            value={copies}
            onChange={(e) => setCopies(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <button
          type="button"
          className="primary"
          onClick={() => window.print()}
          disabled={labels.length === 0}
        >
          Print sheet
        </button>
      </div>
      {variants.length === 0 && (
        <p className="no-print">Choose items on the Products page, then “Print labels”.</p>
      )}
      <div className="label-sheet">
        {labels.map((v, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: copies of one variant are identical
          <div className="label" key={`${v.id}-${index}`}>
            <div className="label-name">
              {v.title && v.title !== 'Default' ? `${v.productName} ${v.title}` : v.productName}
            </div>
            <div className="label-price">{formatMinor(v.priceMinor)}</div>
            {v.barcode ? (
              <BarcodeSvg kind={barcodeKindFor(v.barcode)} text={v.barcode} height={9} />
            ) : (
              <span className="muted">no barcode</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
