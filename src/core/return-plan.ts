/**
 * Planning a return of some or all of a sale's lines, pure.
 *
 * - A line can be returned up to what was sold minus what earlier returns already took back.
 * - A line's refund is its share of the line total by quantity, computed on the running total so that
 *   returning every unit, in any number of returns, refunds exactly the line total:
 *     refund = round(total × (before + q) / sold) − round(total × before / sold)
 * - Refunds go back by the original tenders: card first, up to what was paid by card less what has
 *   already been refunded to card; the rest in cash. (A card refund needs the customer's card at the
 *   terminal; cash is what the drawer can always give.)
 * - Misc lines are refunded but never restocked: they took no stock when sold.
 */
export interface ReturnableLine {
  id: string;
  quantity: number;
  totalMinor: number;
  misc: boolean;
  returnedQuantity: number;
}

export interface ReturnRequestLine {
  saleLineId: string;
  quantity: number;
  restock: boolean;
}

export interface PlannedReturnLine {
  saleLineId: string;
  quantity: number;
  restock: boolean;
  refundMinor: number;
}

export type ReturnPlan =
  | {
      ok: true;
      lines: PlannedReturnLine[];
      refundMinor: number;
      refunds: Array<{ method: 'cash' | 'card'; amountMinor: number }>;
    }
  | {
      ok: false;
      code: 'RETURN_LINE_UNKNOWN' | 'RETURN_LINE_DUPLICATE' | 'RETURN_EXCEEDS_SOLD';
      message: string;
      index: number;
    };

export function planReturn(input: {
  lines: readonly ReturnableLine[];
  /** What the customer paid by card on the sale, and what earlier returns already put back on card. */
  cardPaidMinor: number;
  cardRefundedMinor: number;
  request: readonly ReturnRequestLine[];
}): ReturnPlan {
  const byId = new Map(input.lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  const planned: PlannedReturnLine[] = [];
  for (const [index, wanted] of input.request.entries()) {
    const line = byId.get(wanted.saleLineId);
    if (!line) {
      return {
        ok: false,
        code: 'RETURN_LINE_UNKNOWN',
        message: `line ${wanted.saleLineId} is not on this sale`,
        index,
      };
    }
    if (seen.has(line.id)) {
      return { ok: false, code: 'RETURN_LINE_DUPLICATE', message: `line ${line.id} is listed twice`, index };
    }
    seen.add(line.id);
    const left = line.quantity - line.returnedQuantity;
    if (wanted.quantity > left) {
      return {
        ok: false,
        code: 'RETURN_EXCEEDS_SOLD',
        message: `only ${left} of ${line.quantity} can still be returned on this line`,
        index,
      };
    }
    const before = line.returnedQuantity;
    const refundMinor =
      shareOf(line.totalMinor, before + wanted.quantity, line.quantity) -
      shareOf(line.totalMinor, before, line.quantity);
    planned.push({
      saleLineId: line.id,
      quantity: wanted.quantity,
      restock: wanted.restock && !line.misc,
      refundMinor,
    });
  }
  const refundMinor = planned.reduce((sum, line) => sum + line.refundMinor, 0);
  const card = Math.min(refundMinor, Math.max(0, input.cardPaidMinor - input.cardRefundedMinor));
  const refunds: Array<{ method: 'cash' | 'card'; amountMinor: number }> = [];
  if (card > 0) refunds.push({ method: 'card', amountMinor: card });
  if (refundMinor - card > 0) refunds.push({ method: 'cash', amountMinor: refundMinor - card });
  return { ok: true, lines: planned, refundMinor, refunds };
}

/** round(total × part / whole), half-up, in integers. */
function shareOf(total: number, part: number, whole: number): number {
  const numerator = BigInt(total) * BigInt(part);
  const divisor = BigInt(whole);
  const quotient = numerator / divisor;
  return Number((numerator % divisor) * 2n >= divisor ? quotient + 1n : quotient);
}
