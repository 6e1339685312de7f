/**
 * Tender rules for taking payment, pure so the page can say "£2.40 change" and the server can refuse
 * the same cart for the same reason.
 *
 * - Every payment is a positive amount in minor units, by cash or card (card: taken on an external
 *   terminal and only recorded here).
 * - Card may not exceed what is due: a terminal never hands back change, so Σ card ≤ total.
 * - Together the payments must cover the total.
 * - Change comes only from cash: change = Σ payments − total, which is ≤ Σ cash because Σ card ≤ total.
 */
export type TenderMethod = 'cash' | 'card';

export interface Tender {
  method: TenderMethod;
  amountMinor: number;
}

export type TenderResult =
  | { ok: true; changeMinor: number; cashMinor: number; cardMinor: number; cashKeptMinor: number }
  | { ok: false; code: 'TENDER_INVALID' | 'TENDER_SHORT' | 'CARD_OVER_DUE'; message: string };

export function cashTender(totalMinor: number, payments: readonly Tender[]): TenderResult {
  let cashMinor = 0;
  let cardMinor = 0;
  for (const payment of payments) {
    if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) {
      return { ok: false, code: 'TENDER_INVALID', message: 'each payment must be a positive amount' };
    }
    if (payment.method === 'cash') cashMinor += payment.amountMinor;
    else cardMinor += payment.amountMinor;
  }
  if (cardMinor > totalMinor) {
    return {
      ok: false,
      code: 'CARD_OVER_DUE',
      message: `card payments (${cardMinor}) exceed the amount due (${totalMinor}); a card gives no change`,
    };
  }
  if (cashMinor + cardMinor < totalMinor) {
    return {
      ok: false,
      code: 'TENDER_SHORT',
      message: `payments (${cashMinor + cardMinor}) do not cover the total (${totalMinor})`,
    };
  }
  const changeMinor = cashMinor + cardMinor - totalMinor;
  return { ok: true, changeMinor, cashMinor, cardMinor, cashKeptMinor: cashMinor - changeMinor };
}
