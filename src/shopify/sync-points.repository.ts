import type { Kysely } from 'kysely';
import { pushTarget } from '../core/sync-planning.ts';
import type { Database } from '../db/schema.ts';

/** A linked (variant, mapped location) with everything a correction needs. */
export interface SyncPointView {
  variantId: string;
  locationId: string;
  productId: string;
  inventoryItemId: string;
  shopifyLocationId: string;
  expectedAvailable: number;
  inFlightPushId: number | null;
  onHand: number;
  committed: number;
  buffer: number;
  /** What Shopify should show: max(0, on_hand − committed − buffer). */
  target: number;
}

export async function listSyncPoints(
  db: Kysely<Database>,
  variantIds?: readonly string[],
): Promise<SyncPointView[]> {
  let query = db
    .selectFrom('shopify_sync_points as point')
    .innerJoin('shopify_variant_links as link', 'link.variant_id', 'point.variant_id')
    .innerJoin('shopify_location_map as map', 'map.location_id', 'point.location_id')
    .innerJoin('product_variants as v', 'v.id', 'point.variant_id')
    .leftJoin('stock_levels as level', (join) =>
      join
        .onRef('level.variant_id', '=', 'point.variant_id')
        .onRef('level.location_id', '=', 'point.location_id'),
    )
    .leftJoin('shopify_product_buffers as pb', 'pb.product_id', 'v.product_id')
    .crossJoin('shopify_connection as conn')
    .select([
      'point.variant_id',
      'point.location_id',
      'v.product_id',
      'link.shopify_inventory_item_id',
      'map.shopify_location_id',
      'point.expected_available',
      'point.in_flight_push_id',
      'level.on_hand',
      'level.committed',
      'pb.buffer',
      'conn.default_buffer',
    ])
    .orderBy('point.variant_id')
    .orderBy('point.location_id');
  if (variantIds) {
    if (variantIds.length === 0) return [];
    query = query.where('point.variant_id', 'in', variantIds);
  }
  const rows = await query.execute();
  return rows.map((r) => {
    const onHand = r.on_hand ?? 0;
    const committed = r.committed ?? 0;
    const buffer = r.buffer ?? r.default_buffer;
    return {
      variantId: r.variant_id,
      locationId: r.location_id,
      productId: r.product_id,
      inventoryItemId: r.shopify_inventory_item_id,
      shopifyLocationId: r.shopify_location_id,
      expectedAvailable: r.expected_available,
      inFlightPushId: r.in_flight_push_id,
      onHand,
      committed,
      buffer,
      target: pushTarget({ onHand, committed, buffer }),
    };
  });
}
