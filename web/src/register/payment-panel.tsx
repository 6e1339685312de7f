import { useEffect, useRef, useState } from 'react';
import type { SaleTotals } from '../../../src/core/sale-totals.ts';
import type { Tender, TenderMethod } from '../../../src/core/tenders.ts';

export type { Tender };

import { formatBp, formatMinor, formatMoney, parseMoneyInput } from '../format.ts';
import { focusOnMount } from '../ui/focus-on-mount.ts';
import { tenderState } from './cart.ts';

/** Cash notes a customer is likely to hand over for this total. */
function quickCash(remainingMinor: number): number[] {
  const notes = [500, 1000, 2000, 5000];
  return [...new Set(notes.map((note) => Math.ceil(remainingMinor / note) * note))]
    .filter((amount) => amount > remainingMinor)
    .slice(0, 3);
}

export function TotalsSummary(props: { totals: SaleTotals; pricesIncludeTax: boolean; currency: string }) {
  const { totals } = props;
  return (
    <dl className="totals" aria-label="Totals">
      <dt>Subtotal</dt>
      <dd>{formatMinor(totals.subtotalMinor)}</dd>
      {totals.discountMinor > 0 && (
        <>
          <dt>Discounts</dt>
          <dd>−{formatMinor(totals.discountMinor)}</dd>
        </>
      )}
      {totals.taxBreakdown.map((row) => (
        <span key={row.rateBp} className="tax-row">
          <dt>
            Tax {formatBp(row.rateBp)} {props.pricesIncludeTax ? 'incl.' : ''}
          </dt>
          <dd>{formatMinor(row.taxMinor)}</dd>
        </span>
      ))}
      <dt className="grand">Total</dt>
      <dd className="grand" data-testid="cart-total">
        {formatMoney(totals.totalMinor, props.currency)}
      </dd>
    </dl>
  );
}

/**
 * Split tender: each tender is added in turn until the total is covered; cash may overpay (change
 * due), card is capped at what is owed because the external terminal charges exactly.
 */
export function PaymentPanel(props: {
  totalMinor: number;
  submitting: boolean;
  onComplete(tenders: Tender[]): void;
  onCancel(): void;
}) {
  const [tenders, setTenders] = useState<Tender[]>([]);
  const state = tenderState(props.totalMinor, tenders);
  const [amountText, setAmountText] = useState(formatMinor(state.remainingMinor));
  const [error, setError] = useState<string | null>(null);
  const completeButton = useRef<HTMLButtonElement>(null);
  // Keyboard-first: once the tenders cover the total, Enter completes the sale.
  useEffect(() => {
    if (state.complete) completeButton.current?.focus();
  }, [state.complete]);

  useEffect(() => setAmountText(formatMinor(state.remainingMinor)), [state.remainingMinor]);

  const addTender = (method: TenderMethod, amount?: number) => {
    const amountMinor = amount ?? parseMoneyInput(amountText);
    if (amountMinor === null || amountMinor <= 0) return setError('enter the amount tendered, e.g. 12.50');
    if (method === 'card' && amountMinor > state.remainingMinor) {
      return setError(`card can take at most ${formatMinor(state.remainingMinor)} (what is still owed)`);
    }
    setError(null);
    setTenders([...tenders, { method, amountMinor }]);
  };

  return (
    <section className="payment" aria-label="Payment">
      <div className="due">
        <span>{state.complete ? 'Paid in full' : 'Still to pay'}</span>
        <strong data-testid="remaining">
          {formatMinor(state.complete ? state.paidMinor : state.remainingMinor)}
        </strong>
      </div>
      {tenders.length > 0 && (
        <ul className="tenders" aria-label="Tenders">
          {tenders.map((tender, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tenders have no identity beyond their order
            <li key={index}>
              <span>{tender.method === 'cash' ? 'Cash' : 'Card'}</span>
              <span>{formatMinor(tender.amountMinor)}</span>
              <button
                type="button"
                aria-label="Remove tender"
                disabled={props.submitting}
                onClick={() => setTenders(tenders.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {!state.complete && (
        <>
          <label>
            Amount
            <input
              name="tender-amount"
              inputMode="decimal"
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
              onFocus={(e) => e.target.select()}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                addTender('cash');
              }}
              ref={focusOnMount}
              title="Enter takes it as cash"
            />
          </label>
          <div className="button-row">
            <button type="button" className="big" onClick={() => addTender('cash')}>
              Cash
            </button>
            <button type="button" className="big" onClick={() => addTender('card')}>
              Card
            </button>
          </div>
          <div className="button-row quick-cash">
            {quickCash(state.remainingMinor).map((amount) => (
              <button key={amount} type="button" onClick={() => addTender('cash', amount)}>
                Cash {formatMinor(amount)}
              </button>
            ))}
          </div>
        </>
      )}
      {state.changeMinor > 0 && (
        <div className="change-due" data-testid="change-due">
          Change due <strong>{formatMinor(state.changeMinor)}</strong>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={props.onCancel} disabled={props.submitting}>
          Back to cart
        </button>
        <button
          type="button"
          className="primary big"
          ref={completeButton}
          disabled={!state.complete || props.submitting}
          onClick={() => props.onComplete(tenders)}
        >
          {props.submitting ? 'Recording…' : 'Complete sale'}
        </button>
      </div>
    </section>
  );
}
