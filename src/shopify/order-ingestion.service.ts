import type { Kysely } from 'kysely';
import { type OrderSnapshot, planOrderSnapshot, type RestockType } from '../core/online-order-rules.ts';
import type { Database } from '../db/schema.ts';
import { recordMovements } from '../inventory/ledger.repository.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';

/** An order as the OrderFields fragment returns it (src/shopify/operations/orders-updated-since.ts). */
export interface ShopifyOrderNode {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  lineItems: { nodes: Array<{ id: string; quantity: number; variant: { id: string } | null }> };
  fulfillmentOrders: {
    nodes: Array<{
      assignedLocation: { location: { id: string } | null };
      lineItems: { nodes: Array<{ totalQuantity: number; lineItem: { id: string } }> };
    }>;
  };
  fulfillments: Array<{
    id: string;
    location: { id: string } | null;
    fulfillmentLineItems: { nodes: Array<{ quantity: number | null; lineItem: { id: string } }> };
  }>;
  refunds: Array<{
    id: string;
    refundLineItems: {
      nodes: Array<{
        id: string | null;
        quantity: number;
        restockType: string;
        location: { id: string } | null;
        lineItem: { id: string };
      }>;
    };
  }>;
}

export interface IngestResult {
  recorded: number;
  duplicates: number;
  manual: number;
}

/**
 * Records what an order did to stock, in one transaction: movements keyed by event identity (a
 * repeat changes nothing), sync expectations moved for Shopify-originated movements, and restocking
 * refunds of pre-integration orders listed for a manager.
 */
export async function ingestOrder(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  order: ShopifyOrderNode,
  integrationStartedAt: string,
): Promise<IngestResult> {
  return db.transaction().execute(async (trx) => {
    const snapshot = await toSnapshot(trx, order);
    const { movements, manual } = planOrderSnapshot(snapshot, integrationStartedAt);
    const recorded = await recordMovements(
      trx,
      deps,
      movements.map((m) => ({ ...m, note: `Shopify order ${order.name}`, actorId: null })),
    );
    const now = isoNow(deps.clock);
    for (const item of manual) {
      await trx
        .insertInto('shopify_manual_adjustments')
        .values({
          id: deps.newId('madj'),
          event_key: `shopify:order:${item.orderId}:refund:${item.refundId}:line:${item.refundLineId}`,
          order_id: item.orderId,
          order_name: order.name,
          variant_id: item.variantId,
          location_id: item.locationId,
          quantity: item.quantity,
          restock_type: item.restockType,
          status: 'open',
          resolved_by: null,
          resolved_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.column('event_key').doNothing())
        .execute();
    }
    return {
      recorded: recorded.filter((m) => !m.duplicate).length,
      duplicates: recorded.filter((m) => m.duplicate).length,
      manual: manual.length,
    };
  });
}

/** Maps Shopify ids to POS ids through the variant links and the location map. */
async function toSnapshot(trx: Kysely<Database>, order: ShopifyOrderNode): Promise<OrderSnapshot> {
  const variantGids = order.lineItems.nodes.flatMap((l) => (l.variant ? [l.variant.id] : []));
  const links =
    variantGids.length === 0
      ? []
      : await trx
          .selectFrom('shopify_variant_links')
          .select(['variant_id', 'shopify_variant_id'])
          .where('shopify_variant_id', 'in', variantGids)
          .execute();
  const variantOf = new Map(links.map((l) => [l.shopify_variant_id, l.variant_id]));
  const locations = await trx
    .selectFrom('shopify_location_map')
    .select(['location_id', 'shopify_location_id'])
    .execute();
  const locationOf = (gid: string | null | undefined) =>
    (gid && locations.find((l) => l.shopify_location_id === gid)?.location_id) || null;

  const assigned = new Map<string, string | null>();
  for (const fo of order.fulfillmentOrders.nodes) {
    for (const li of fo.lineItems.nodes) {
      if (!assigned.has(li.lineItem.id))
        assigned.set(li.lineItem.id, locationOf(fo.assignedLocation.location?.id));
    }
  }
  return {
    orderId: numericId(order.id),
    createdAt: order.createdAt,
    cancelledAt: order.cancelledAt,
    lines: order.lineItems.nodes.map((l) => ({
      lineId: numericId(l.id),
      variantId: l.variant ? (variantOf.get(l.variant.id) ?? null) : null,
      quantity: l.quantity,
      locationId: assigned.get(l.id) ?? null,
    })),
    fulfillments: order.fulfillments.map((f) => ({
      fulfillmentId: numericId(f.id),
      locationId: locationOf(f.location?.id),
      lines: f.fulfillmentLineItems.nodes.map((fl) => ({
        lineId: numericId(fl.lineItem.id),
        quantity: fl.quantity ?? 0,
      })),
    })),
    refunds: order.refunds.map((r) => ({
      refundId: numericId(r.id),
      lines: r.refundLineItems.nodes.map((rl, index) => ({
        refundLineId: rl.id ? numericId(rl.id) : `${numericId(r.id)}-${index}`,
        lineId: numericId(rl.lineItem.id),
        quantity: rl.quantity,
        restockType: rl.restockType.toLowerCase() as RestockType,
        locationId: locationOf(rl.location?.id),
      })),
    })),
  };
}

/** `gid://shopify/Order/123` → `123`: event keys use Shopify's numeric ids, as its webhooks do. */
export function numericId(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1).split('?')[0] ?? gid;
}
