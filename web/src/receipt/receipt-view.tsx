import type { SaleView } from '../api/types.ts';
import { formatBp, formatDateTime, formatMinor } from '../format.ts';
import { BarcodeSvg } from '../ui/barcode-svg.tsx';
import { receiptBarcodeFor } from './receipt-code.ts';

/** An 80 mm till receipt; the print stylesheet drops everything else on the page. */
export function ReceiptView(props: { sale: SaleView }) {
  const { sale } = props;
  return (
    <article className="receipt" aria-label={`Receipt for sale ${sale.number}`}>
      <header>
        <h1>{sale.shop.name}</h1>
        <p className="address">{sale.shop.address}</p>
        <p>
          Sale <strong data-testid="receipt-number">#{sale.number}</strong>
          <br />
          {formatDateTime(sale.createdAt)} · {sale.staffName}
        </p>
      </header>
      <table className="receipt-lines">
        <tbody>
          {sale.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.description}
                {line.misc && ' *'}
                {line.quantity !== 1 && (
                  <div className="muted">
                    {line.quantity} × {formatMinor(line.unitPriceMinor)}
                  </div>
                )}
                {line.lineDiscountMinor + line.cartDiscountMinor > 0 && (
                  <div className="muted">
                    discount −{formatMinor(line.lineDiscountMinor + line.cartDiscountMinor)}
                  </div>
                )}
                {line.returnedQuantity > 0 && <div className="muted">returned: {line.returnedQuantity}</div>}
              </td>
              <td className="num">{formatMinor(line.totalMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        {sale.totals.discountMinor > 0 && (
          <>
            <dt>Discounts</dt>
            <dd>−{formatMinor(sale.totals.discountMinor)}</dd>
          </>
        )}
        <dt className="grand">TOTAL</dt>
        <dd className="grand">{formatMinor(sale.totals.totalMinor)}</dd>
        {sale.payments.map((payment, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: payments are listed in the order taken
          <span key={index} className="tax-row">
            <dt>{payment.method === 'cash' ? 'Cash' : 'Card'}</dt>
            <dd>{formatMinor(payment.amountMinor)}</dd>
          </span>
        ))}
        {sale.changeMinor > 0 && (
          <>
            <dt>Change</dt>
            <dd>{formatMinor(sale.changeMinor)}</dd>
          </>
        )}
      </dl>
      <table className="tax-breakdown" aria-label="Tax breakdown">
        <thead>
          <tr>
            <th>Tax</th>
            <th className="num">Net</th>
            <th className="num">Tax</th>
          </tr>
        </thead>
        <tbody>
          {sale.totals.taxBreakdown.map((row) => (
            <tr key={row.rateBp}>
              <td>{formatBp(row.rateBp)}</td>
              <td className="num">{formatMinor(row.netMinor)}</td>
              <td className="num">{formatMinor(row.taxMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{sale.pricesIncludeTax ? 'Prices include tax.' : 'Tax added to prices.'}</p>
      {sale.hasMisc && <p className="muted">* miscellaneous item</p>}
      <div className="receipt-barcode">
        <BarcodeSvg kind="code128" text={receiptBarcodeFor(sale.number)} height={8} />
      </div>
      {sale.shop.receiptFooter && <p className="receipt-footer">{sale.shop.receiptFooter}</p>}
    </article>
  );
}
