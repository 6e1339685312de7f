import type { VariantDraft } from './variant-form.ts';

export function VariantRow(props: {
  draft: VariantDraft;
  onChange(next: VariantDraft): void;
  onRemove?: (() => void) | undefined;
}) {
  const { draft } = props;
  const field = (key: keyof VariantDraft, label: string, size = 10) => (
    <label>
      {label}
      <input
        size={size}
        value={String(draft[key])}
        onChange={(e) => props.onChange({ ...draft, [key]: e.target.value })}
        name={`variant-${key}`}
      />
    </label>
  );
  return (
    <fieldset className="variant-row">
      {field('optionValues', 'Options (S / Red)', 12)}
      {field('sku', 'SKU')}
      {field('barcode', 'Barcode', 14)}
      <label className="check">
        <input
          type="checkbox"
          checked={draft.generateBarcode}
          disabled={draft.barcode.trim() !== ''}
          onChange={(e) => props.onChange({ ...draft, generateBarcode: e.target.checked })}
        />
        generate in-store barcode
      </label>
      {field('price', 'Price', 7)}
      {field('cost', 'Cost', 7)}
      {field('lowStockThreshold', 'Low stock at', 4)}
      {props.onRemove && (
        <button type="button" className="danger" onClick={props.onRemove}>
          Remove
        </button>
      )}
    </fieldset>
  );
}
