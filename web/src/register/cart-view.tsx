import { useState } from 'react';
import type { SaleTotals } from '../../../src/core/sale-totals.ts';
import type { Discount } from '../api/types.ts';
import { formatBp, formatMinor } from '../format.ts';
import { type Cart, lineDescription, unitPriceOf } from './cart.ts';
import { DiscountEditor } from './discount-editor.tsx';

export const describeDiscount = (discount: Discount) =>
  discount.kind === 'percent'
    ? `${formatBp(discount.basisPoints)} off`
    : `${formatMinor(discount.amountMinor)} off`;

/** The cart's lines: big touch targets for quantity, a per-line discount, remove. */
export function CartView(props: {
  cart: Cart;
  totals: SaleTotals;
  lastAddedLineId: string | null;
  /** While paying, the cart is fixed: the tenders were taken against this total. */
  locked: boolean;
  onQuantity(lineId: string, quantity: number): void;
  onDiscount(lineId: string, discount: Discount | null): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (props.cart.lines.length === 0) {
    return <p className="cart-empty">Scan an item or search to start a sale.</p>;
  }
  return (
    <table className="cart" aria-label="Cart">
      <thead>
        <tr>
          <th>Item</th>
          <th className="num">Price</th>
          <th className="qty">Qty</th>
          <th className="num">Total</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.cart.lines.map((line, index) => {
          const computed = props.totals.lines[index];
          return (
            <tr
              key={line.id}
              data-testid="cart-line"
              className={line.id === props.lastAddedLineId ? 'just-added' : undefined}
            >
              <td>
                <div className="line-name">
                  {lineDescription(line)}
                  {line.misc && <span className="flag">MISC</span>}
                </div>
                <small className="muted">{line.variant?.sku ?? line.variant?.barcode ?? ''}</small>
                {line.discount && (
                  <div className="line-discount">
                    {describeDiscount(line.discount)} (−{formatMinor(computed?.lineDiscountMinor ?? 0)})
                  </div>
                )}
                {editing === line.id && (
                  <DiscountEditor
                    label="Line discount"
                    current={line.discount}
                    onApply={(discount) => {
                      props.onDiscount(line.id, discount);
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                )}
              </td>
              <td className="num">{formatMinor(unitPriceOf(line))}</td>
              <td className="qty">
                <button
                  type="button"
                  className="step"
                  aria-label="One fewer"
                  disabled={props.locked}
                  onClick={() => props.onQuantity(line.id, line.quantity - 1)}
                >
                  −
                </button>
                <input
                  className="qty-input"
                  aria-label="Quantity"
                  inputMode="numeric"
                  readOnly={props.locked}
                  value={line.quantity}
                  onChange={(e) => {
                    const quantity = Number.parseInt(e.target.value.replace(/\D/g, '') || '0', 10);
                    if (quantity > 0) props.onQuantity(line.id, Math.min(quantity, 9999));
                  }}
                />
                <button
                  type="button"
                  className="step"
                  aria-label="One more"
                  disabled={props.locked}
                  onClick={() => props.onQuantity(line.id, line.quantity + 1)}
                >
                  +
                </button>
              </td>
              <td className="num line-total">{formatMinor(computed?.totalMinor ?? 0)}</td>
              <td className="line-actions">
                <button
                  type="button"
                  disabled={props.locked}
                  onClick={() => setEditing(editing === line.id ? null : line.id)}
                >
                  Discount
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={props.locked}
                  aria-label={`Remove ${lineDescription(line)}`}
                  onClick={() => props.onQuantity(line.id, 0)}
                >
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
