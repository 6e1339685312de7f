import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';

/**
 * `inventory_levels/update` deliveries: most are echoes — of our own pushes, or of orders Shopify
 * took — and a few are edits someone made in Shopify's admin. An echo shows a value we expect: the
 * expectation itself, or the expectation plus the push in flight (its confirmation may still be on
 * its way). Anything else is noted as a suspected edit; it is resolved only after recent orders are
 * ingested (an order we have not seen yet explains a drop), by `resolveStockEdits`.
 */
export async function noteShopifyLevel(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  level: { inventoryItemId: string; locationId: string; available: number },
): Promise<'echo' | 'suspected' | 'not_linked'> {
  if (!Number.isInteger(level.available)) return 'not_linked';
  const point = await db
    .selectFrom('shopify_variant_links as link')
    .innerJoin('shopify_location_map as map', (join) =>
      join.on('map.shopify_location_id', '=', level.locationId),
    )
    .innerJoin('shopify_sync_points as point', (join) =>
      join
        .onRef('point.variant_id', '=', 'link.variant_id')
        .onRef('point.location_id', '=', 'map.location_id'),
    )
    .leftJoin('shopify_pushes as push', 'push.id', 'point.in_flight_push_id')
    .select(['point.variant_id', 'point.location_id', 'point.expected_available', 'push.delta'])
    .where('link.shopify_inventory_item_id', '=', level.inventoryItemId)
    .executeTakeFirst();
  if (!point) return 'not_linked';
  const inFlight = point.delta ?? 0;
  if (
    level.available === point.expected_available ||
    level.available === point.expected_available + inFlight
  ) {
    return 'echo';
  }
  const open = await db
    .selectFrom('shopify_stock_edits')
    .select('id')
    .where('variant_id', '=', point.variant_id)
    .where('location_id', '=', point.location_id)
    .where('status', '=', 'detected')
    .executeTakeFirst();
  const values = { shopify_available: level.available, expected_available: point.expected_available };
  if (open) {
    await db.updateTable('shopify_stock_edits').set(values).where('id', '=', open.id).execute();
  } else {
    await db
      .insertInto('shopify_stock_edits')
      .values({
        id: deps.newId('sedit'),
        variant_id: point.variant_id,
        location_id: point.location_id,
        ...values,
        status: 'detected',
        detected_at: isoNow(deps.clock),
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
  }
  return 'suspected';
}
