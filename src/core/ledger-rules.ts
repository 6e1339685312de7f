/**
 * The stock model (DESIGN §2), as pure rules. Per variant and location the POS keeps on_hand
 * (physically there) and committed (taken by unfulfilled online orders):
 *
 *   available        = on_hand − committed
 *   online_available = max(0, available − buffer)      (what Shopify should show)
 *
 * Every change is a movement with a reason; this table says which quantity each reason moves.
 *
 *   reason              on_hand   committed
 *   sale                −q
 *   sale_return         +q (restocked lines only)
 *   receipt             +q
 *   adjustment          ±q
 *   count               counted − on_hand
 *   transfer_out/in     −q / +q   (both sides in one transaction)
 *   online_order                  +q
 *   online_fulfilment   −q        −q
 *   online_cancel                 −q        (restocked cancel, or refund restock type `cancel`)
 *   online_cancel_no_restock −q   −q
 *   online_refund_return +q
 *   reconciliation      ±q        (a Shopify-side edit accepted as a POS adjustment)
 */
export const MOVEMENT_REASONS = [
  'sale',
  'sale_return',
  'receipt',
  'adjustment',
  'count',
  'transfer_out',
  'transfer_in',
  'online_order',
  'online_fulfilment',
  'online_cancel',
  'online_cancel_no_restock',
  'online_refund_return',
  'reconciliation',
] as const;

export type MovementReason = (typeof MOVEMENT_REASONS)[number];

export interface StockDelta {
  onHandDelta: number;
  committedDelta: number;
}

/** The deltas a reason applies for a quantity q (q > 0). Count and adjustment carry their own sign. */
export function deltasFor(reason: MovementReason, q: number): StockDelta {
  switch (reason) {
    case 'sale':
    case 'transfer_out':
      return { onHandDelta: -q, committedDelta: 0 };
    case 'sale_return':
    case 'receipt':
    case 'transfer_in':
    case 'online_refund_return':
      return { onHandDelta: q, committedDelta: 0 };
    case 'adjustment':
    case 'count':
    case 'reconciliation':
      return { onHandDelta: q, committedDelta: 0 };
    case 'online_order':
      return { onHandDelta: 0, committedDelta: q };
    case 'online_fulfilment':
    case 'online_cancel_no_restock':
      return { onHandDelta: -q, committedDelta: -q };
    case 'online_cancel':
      return { onHandDelta: 0, committedDelta: -q };
  }
}

export function available(level: { onHand: number; committed: number }): number {
  return level.onHand - level.committed;
}

export function onlineAvailable(level: { onHand: number; committed: number }, buffer: number): number {
  return Math.max(0, available(level) - buffer);
}

/** The largest quantity one movement may carry; beyond it is a typing error, not stock. */
export const MAX_MOVEMENT_QUANTITY = 1_000_000;

/**
 * The order in which a transaction touches level rows: by variant, then location, then idempotency key.
 * Two transactions that lock the same rows in the same order cannot deadlock, so a transfer A→B racing
 * a transfer B→A (or two sales listing the same items in different orders) wait for each other instead
 * of being aborted by PostgreSQL's deadlock detector. Returns the indexes of `items` in that order.
 */
export function lockOrder(
  items: readonly { variantId: string; locationId: string; idempotencyKey?: string | null }[],
): number[] {
  const key = (i: number) => items[i]!;
  return items
    .map((_, i) => i)
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (
        compareText(x.variantId, y.variantId) ||
        compareText(x.locationId, y.locationId) ||
        compareText(x.idempotencyKey ?? '', y.idempotencyKey ?? '') ||
        a - b
      );
    });
}

// Code-unit order, the same in every locale (localeCompare is not).
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
