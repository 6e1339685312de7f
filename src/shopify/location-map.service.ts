import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { INVENTORY_ACTIVATE } from './operations/inventory-activate.ts';
import { ITEMS_PER_READ, readShopifyAvailable } from './reconcile.service.ts';
import type { ShopifySyncPointTable } from './shopify.table.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * The location map, changed while syncing. A sync point's expectation is about one Shopify location,
 * so a till location mapped elsewhere (or unmapped) loses its points and unplanned outbox rows; a
 * pair mapped anew starts from what Shopify holds there — each linked item stocked there first if it
 * is not — and is queued, so the push planner sends the till figure (less buffer) as for any change.
 */
export interface LocationPair {
  locationId: string;
  shopifyLocationId: string;
}

/** Replaces the map; returns the pairs that are new (a till location mapped for the first time or elsewhere). */
export async function replaceLocationMap(
  db: Kysely<Database>,
  mappings: readonly LocationPair[],
): Promise<LocationPair[]> {
  return db.transaction().execute(async (trx) => {
    const before = new Map(
      (await trx.selectFrom('shopify_location_map').selectAll().execute()).map((m) => [
        m.location_id,
        m.shopify_location_id,
      ]),
    );
    await trx.deleteFrom('shopify_location_map').execute();
    if (mappings.length > 0) {
      await trx
        .insertInto('shopify_location_map')
        .values(
          mappings.map((m) => ({ location_id: m.locationId, shopify_location_id: m.shopifyLocationId })),
        )
        .execute();
    }
    const after = new Map(mappings.map((m) => [m.locationId, m.shopifyLocationId]));
    const moved = [...before].filter(([locationId, shopifyId]) => after.get(locationId) !== shopifyId);
    for (const [locationId] of moved) {
      await trx.deleteFrom('shopify_sync_points').where('location_id', '=', locationId).execute();
      await trx
        .deleteFrom('sync_outbox')
        .where('location_id', '=', locationId)
        .where('push_id', 'is', null)
        .execute();
    }
    return mappings.filter((m) => before.get(m.locationId) !== m.shopifyLocationId);
  });
}

/** Starts a sync point for every linked item at each new pair; returns how many were started. */
export async function startSyncAtNewLocations(
  db: Kysely<Database>,
  deps: { clock: Clock },
  shopify: ShopifyGraphql,
  pairs: readonly LocationPair[],
): Promise<number> {
  if (pairs.length === 0) return 0;
  const links = await db
    .selectFrom('shopify_variant_links')
    .select(['variant_id', 'shopify_inventory_item_id'])
    .orderBy('variant_id')
    .execute();
  let started = 0;
  for (let i = 0; i < links.length; i += ITEMS_PER_READ) {
    const chunk = links.slice(i, i + ITEMS_PER_READ);
    const available = await readShopifyAvailable(
      shopify,
      chunk.map((l) => l.shopify_inventory_item_id),
    );
    const now = isoNow(deps.clock);
    for (const pair of pairs) {
      const points: Array<Insertable<ShopifySyncPointTable>> = [];
      for (const link of chunk) {
        let value = available.get(`${link.shopify_inventory_item_id}|${pair.shopifyLocationId}`);
        if (value === undefined) {
          await stockAt(shopify, link.shopify_inventory_item_id, pair.shopifyLocationId);
          value = 0;
        }
        points.push({
          variant_id: link.variant_id,
          location_id: pair.locationId,
          expected_available: value,
          in_flight_push_id: null,
          last_pushed_at: null,
          updated_at: now,
        });
      }
      if (points.length === 0) continue;
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('shopify_sync_points')
          .values(points)
          .onConflict((oc) => oc.columns(['variant_id', 'location_id']).doNothing())
          .executeTakeFirst();
        started += Number(inserted.numInsertedOrUpdatedRows ?? 0);
        await trx
          .insertInto('sync_outbox')
          .values(
            points.map((p) => ({
              variant_id: p.variant_id,
              location_id: p.location_id,
              movement_id: `location-mapped:${now}:${p.variant_id}:${p.location_id}`,
              push_id: null,
              created_at: now,
            })),
          )
          .onConflict((oc) => oc.column('movement_id').doNothing())
          .execute();
      });
    }
  }
  return started;
}

async function stockAt(shopify: ShopifyGraphql, inventoryItemId: string, locationId: string): Promise<void> {
  const result = await shopify.request<{
    inventoryActivate: { userErrors: Array<{ message: string }> };
  }>(INVENTORY_ACTIVATE, {
    inventoryItemId,
    locationId,
    idempotencyKey: `tillsync:stock-at:${inventoryItemId}:${locationId}`,
  });
  if (!result.ok) throw new Error(`stocking ${inventoryItemId} at ${locationId}: ${result.message}`);
  const errors = result.data.inventoryActivate.userErrors;
  if (errors.length > 0)
    throw new Error(`stocking ${inventoryItemId} at ${locationId}: ${errors[0]!.message}`);
}
