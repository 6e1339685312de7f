import { type MovementReason, onlineAvailable } from './ledger-rules.ts';

/**
 * Sync planning (DESIGN §3), pure. For every linked (item, location) the POS keeps the value it
 * expects Shopify's `available` to hold. A push is always a delta, `target − expected`, sent with
 * `inventoryAdjustQuantities`, so it commutes with online orders Shopify takes meanwhile; the
 * target is `online_available = max(0, on_hand − committed − buffer)`, so the buffer and its clamp at
 * zero are covered by the same subtraction.
 *
 * Movements that came from Shopify (orders, fulfilments, cancellations, refund restocks) already
 * happened on Shopify's side: they move the expectation by their effect on `available`
 * (on_hand_delta − committed_delta) and are therefore never pushed back.
 */
export interface SyncPoint {
  onHand: number;
  committed: number;
  buffer: number;
  /** What we believe Shopify's `available` is now, after every push and Shopify event we know of. */
  expectedShopifyAvailable: number;
}

export function pushTarget(point: Pick<SyncPoint, 'onHand' | 'committed' | 'buffer'>): number {
  return onlineAvailable({ onHand: point.onHand, committed: point.committed }, point.buffer);
}

/** The delta to send now (0: nothing to send). */
export function planPushDelta(point: SyncPoint): number {
  return pushTarget(point) - point.expectedShopifyAvailable;
}

/**
 * Movements that record something Shopify already did: online orders, fulfilments, cancellations,
 * refund restocks, and a Shopify-side edit accepted as a POS adjustment ('reconciliation').
 */
export function originatesOnShopify(reason: MovementReason): boolean {
  return reason.startsWith('online_') || reason === 'reconciliation';
}

/** How a movement that originated on Shopify moved Shopify's own `available`. */
export function shopifyAvailableEffect(movement: { onHandDelta: number; committedDelta: number }): number {
  return movement.onHandDelta - movement.committedDelta;
}

/**
 * The idempotency key of a push (Shopify's `@idempotent(key:)`): derived from what the push carries —
 * the item, the location and the range of outbox entries coalesced into it — so a retry after a
 * timeout sends the same key and is applied once, while the next push gets a new one. A push Shopify
 * refused and the owner sent again carries the same entries, so it counts as a new `retry`: the
 * refused key would only replay the refusal.
 */
export function pushIdempotencyKey(push: {
  inventoryItemId: string;
  locationId: string;
  firstOutboxId: number;
  lastOutboxId: number;
  retry?: number;
}): string {
  const item = push.inventoryItemId.replace(/^gid:\/\/shopify\/InventoryItem\//, '');
  const location = push.locationId.replace(/^gid:\/\/shopify\/Location\//, '');
  const base = `tillsync-push-${item}-${location}-${push.firstOutboxId}-${push.lastOutboxId}`;
  return push.retry ? `${base}-retry-${push.retry}` : base;
}

/** Outbox rows coalesced per (item, location): one push each, carrying the range it covers. */
export function coalesceOutbox<T extends { id: number; inventoryItemId: string; locationId: string }>(
  rows: readonly T[],
): Array<{
  inventoryItemId: string;
  locationId: string;
  firstOutboxId: number;
  lastOutboxId: number;
  rows: T[];
}> {
  const groups = new Map<
    string,
    { inventoryItemId: string; locationId: string; firstOutboxId: number; lastOutboxId: number; rows: T[] }
  >();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const groupKey = `${row.inventoryItemId}|${row.locationId}`;
    const group = groups.get(groupKey);
    if (group) {
      group.lastOutboxId = row.id;
      group.rows.push(row);
    } else {
      groups.set(groupKey, {
        inventoryItemId: row.inventoryItemId,
        locationId: row.locationId,
        firstOutboxId: row.id,
        lastOutboxId: row.id,
        rows: [row],
      });
    }
  }
  return [...groups.values()];
}
