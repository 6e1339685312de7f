import type { MovementReason } from './ledger-rules.ts';

/**
 * How Shopify order events become POS movements (DESIGN §2, lower half of the table).
 *
 * Each planned movement carries an idempotency key built from the Shopify event's identity, e.g.
 * `shopify:order:<orderId>:line:<lineId>:created`, so the same event delivered by webhook, by the
 * polling backstop and again by a duplicate webhook is counted once (the ledger's unique index
 * decides). Quantities are per line item, and a fulfilment or refund line has its own id, so
 * partial fulfilments and several refunds of one line each get their own key.
 *
 * Orders created before the integration started never took stock from the POS, so nothing they do
 * moves POS stock; a restocking refund of such an order is reported for a manual adjustment.
 */
export interface OnlineLine {
  lineId: string;
  variantId: string;
  quantity: number;
}

export interface PlannedOnlineMovement {
  variantId: string;
  locationId: string;
  reason: MovementReason;
  onHandDelta: number;
  committedDelta: number;
  idempotencyKey: string;
  sourceType: 'shopify_order_line' | 'shopify_fulfillment_line' | 'shopify_refund_line';
  sourceId: string;
}

export interface ManualAdjustmentNeeded {
  orderId: string;
  refundId: string;
  refundLineId: string;
  variantId: string;
  locationId: string;
  quantity: number;
  restockType: RestockType;
}

export type RestockType = 'return' | 'cancel' | 'no_restock' | 'legacy_restock';

export interface OrderContext {
  orderId: string;
  /** ISO time the order was created on Shopify. */
  createdAt: string;
  /** ISO time the integration started; earlier orders are pre-integration. */
  integrationStartedAt: string;
}

/**
 * Compared in whole seconds, as Shopify records an order's time (`2026-11-28T05:52:01Z`; ours has
 * milliseconds, and as text the two forms do not even sort correctly). An order in the very second
 * the integration started counts as after it: the POS moves its stock rather than ignore it.
 */
export function isPreIntegration(order: OrderContext): boolean {
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  return seconds(order.createdAt) < seconds(order.integrationStartedAt);
}

const key = (order: OrderContext, ...parts: string[]) =>
  ['shopify', 'order', order.orderId, ...parts].join(':');

/** Order created: each line commits q at the location Shopify assigned it (the fulfilment order's). */
export function planOrderCreated(
  order: OrderContext,
  lines: readonly (OnlineLine & { locationId: string })[],
) {
  if (isPreIntegration(order)) return [];
  return lines
    .filter((line) => line.quantity > 0)
    .map(
      (line): PlannedOnlineMovement => ({
        variantId: line.variantId,
        locationId: line.locationId,
        reason: 'online_order',
        onHandDelta: 0,
        committedDelta: line.quantity,
        idempotencyKey: key(order, 'line', line.lineId, 'created'),
        sourceType: 'shopify_order_line',
        sourceId: line.lineId,
      }),
    );
}

/** A fulfilment of q units of a line takes q from on_hand and from committed. */
export function planFulfilment(
  order: OrderContext,
  fulfillmentId: string,
  locationId: string,
  lines: readonly OnlineLine[],
): PlannedOnlineMovement[] {
  if (isPreIntegration(order)) return [];
  return lines
    .filter((line) => line.quantity > 0)
    .map((line) => ({
      variantId: line.variantId,
      locationId,
      reason: 'online_fulfilment' as const,
      onHandDelta: -line.quantity,
      committedDelta: -line.quantity,
      idempotencyKey: key(order, 'fulfillment', fulfillmentId, 'line', line.lineId),
      sourceType: 'shopify_fulfillment_line' as const,
      sourceId: `${fulfillmentId}:${line.lineId}`,
    }));
}

/**
 * Order cancelled: the still-unfulfilled quantity of each line leaves committed; with restock it
 * goes back to available (on_hand untouched), without restock Shopify takes it out of on_hand too
 * (shopify/NOTES.md §3), and so do we.
 */
export function planCancellation(
  order: OrderContext,
  restock: boolean,
  unfulfilled: readonly (OnlineLine & { locationId: string })[],
): PlannedOnlineMovement[] {
  if (isPreIntegration(order)) return [];
  return unfulfilled
    .filter((line) => line.quantity > 0)
    .map((line) => ({
      variantId: line.variantId,
      locationId: line.locationId,
      reason: restock ? ('online_cancel' as const) : ('online_cancel_no_restock' as const),
      onHandDelta: restock ? 0 : -line.quantity,
      committedDelta: -line.quantity,
      idempotencyKey: key(order, 'line', line.lineId, 'cancelled'),
      sourceType: 'shopify_order_line' as const,
      sourceId: line.lineId,
    }));
}

export interface RefundLine extends OnlineLine {
  refundLineId: string;
  restockType: RestockType;
  /** The location Shopify restocked at; null when it did not restock. */
  locationId: string | null;
}

/**
 * Refund lines: `return` puts q back on hand; `cancel` releases q from committed (an unfulfilled
 * line); `no_restock` changes nothing. Pre-integration orders: nothing moves, restocking lines are
 * listed for a manager instead.
 */
export function planRefund(
  order: OrderContext,
  refundId: string,
  lines: readonly RefundLine[],
): { movements: PlannedOnlineMovement[]; manual: ManualAdjustmentNeeded[] } {
  const movements: PlannedOnlineMovement[] = [];
  const manual: ManualAdjustmentNeeded[] = [];
  for (const line of lines) {
    const restocks = line.restockType === 'return' || line.restockType === 'cancel';
    if (!restocks || line.quantity <= 0 || line.locationId === null) continue;
    if (isPreIntegration(order)) {
      manual.push({
        orderId: order.orderId,
        refundId,
        refundLineId: line.refundLineId,
        variantId: line.variantId,
        locationId: line.locationId,
        quantity: line.quantity,
        restockType: line.restockType,
      });
      continue;
    }
    const isReturn = line.restockType === 'return';
    movements.push({
      variantId: line.variantId,
      locationId: line.locationId,
      reason: isReturn ? 'online_refund_return' : 'online_cancel',
      onHandDelta: isReturn ? line.quantity : 0,
      committedDelta: isReturn ? 0 : -line.quantity,
      idempotencyKey: key(order, 'refund', refundId, 'line', line.refundLineId),
      sourceType: 'shopify_refund_line',
      sourceId: line.refundLineId,
    });
  }
  return { movements, manual };
}

/**
 * The whole of one Shopify order as we ingest it, with Shopify ids already mapped to POS ids
 * (null where the variant is not linked or the location not mapped: such lines move nothing).
 * Ingestion is state-based: webhooks and the polling backstop both fetch the order and hand its
 * current state here; every movement is keyed by the event identity, so seeing the same order any
 * number of times, in any order of events, records each event once.
 */
export interface OrderSnapshot {
  orderId: string;
  createdAt: string;
  cancelledAt: string | null;
  lines: Array<{ lineId: string; variantId: string | null; quantity: number; locationId: string | null }>;
  fulfillments: Array<{
    fulfillmentId: string;
    locationId: string | null;
    lines: Array<{ lineId: string; quantity: number }>;
  }>;
  refunds: Array<{
    refundId: string;
    lines: Array<{
      refundLineId: string;
      lineId: string;
      quantity: number;
      restockType: RestockType;
      locationId: string | null;
    }>;
  }>;
}

export function planOrderSnapshot(
  snapshot: OrderSnapshot,
  integrationStartedAt: string,
): { movements: PlannedOnlineMovement[]; manual: ManualAdjustmentNeeded[] } {
  const order: OrderContext = {
    orderId: snapshot.orderId,
    createdAt: snapshot.createdAt,
    integrationStartedAt,
  };
  const linked = new Map(
    snapshot.lines
      .filter((l): l is typeof l & { variantId: string } => l.variantId !== null)
      .map((l) => [l.lineId, l] as const),
  );
  const movements: PlannedOnlineMovement[] = [];
  const manual: ManualAdjustmentNeeded[] = [];

  const committedLines = [...linked.values()].filter(
    (l): l is typeof l & { variantId: string; locationId: string } => l.locationId !== null,
  );
  movements.push(...planOrderCreated(order, committedLines));

  const fulfilled = new Map<string, number>();
  for (const fulfillment of snapshot.fulfillments) {
    const lines = fulfillment.lines.flatMap((fl) => {
      const line = linked.get(fl.lineId);
      fulfilled.set(fl.lineId, (fulfilled.get(fl.lineId) ?? 0) + fl.quantity);
      return line ? [{ lineId: fl.lineId, variantId: line.variantId, quantity: fl.quantity }] : [];
    });
    const locationId = fulfillment.locationId;
    if (locationId !== null)
      movements.push(...planFulfilment(order, fulfillment.fulfillmentId, locationId, lines));
  }

  const releasedByRefund = new Map<string, number>();
  for (const refund of snapshot.refunds) {
    const lines = refund.lines.flatMap((rl) => {
      if (rl.restockType === 'cancel')
        releasedByRefund.set(rl.lineId, (releasedByRefund.get(rl.lineId) ?? 0) + rl.quantity);
      const line = linked.get(rl.lineId);
      return line ? [{ ...rl, variantId: line.variantId }] : [];
    });
    const planned = planRefund(order, refund.refundId, lines);
    movements.push(...planned.movements);
    manual.push(...planned.manual);
  }

  // A cancelled order's still-committed quantity that no `cancel` refund line restocked was
  // cancelled without restock: Shopify takes it out of on_hand as well (NOTES.md §3).
  if (snapshot.cancelledAt !== null) {
    const open = committedLines
      .map((line) => ({
        ...line,
        quantity:
          line.quantity - (fulfilled.get(line.lineId) ?? 0) - (releasedByRefund.get(line.lineId) ?? 0),
      }))
      .filter((line) => line.quantity > 0);
    movements.push(...planCancellation(order, false, open));
  }
  return { movements, manual };
}
