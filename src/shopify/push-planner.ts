import type { Kysely } from 'kysely';
import { planPushDelta, pushIdempotencyKey } from '../core/sync-planning.ts';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/**
 * Step 1 of POS → Shopify: turn outbox rows into planned pushes, one per (variant, location).
 *
 * The push is `target − expected` (core/sync-planning.ts), computed from the level as it is now; the
 * outbox rows only say which points moved and which movements a push covers (its idempotency key is
 * derived from them). A point has at most one push in flight: its row is locked while planning
 * (FOR UPDATE SKIP LOCKED on PostgreSQL, so several processes plan different points), and a new
 * push waits until the previous one is confirmed, because the expectation moves only on success.
 */
export async function planPushes(
  db: Kysely<Database>,
  deps: { clock: Clock; dialect: Dialect },
  limit = 200,
): Promise<number> {
  const candidates = await db
    .selectFrom('sync_outbox')
    .select(['variant_id', 'location_id'])
    .where('push_id', 'is', null)
    .groupBy(['variant_id', 'location_id'])
    .orderBy((eb) => eb.fn.min('id'))
    .limit(limit)
    .execute();
  let planned = 0;
  for (const candidate of candidates) {
    const created = await db
      .transaction()
      .execute((trx) => planPointPush(trx, deps, candidate.variant_id, candidate.location_id));
    if (created) planned++;
  }
  return planned;
}

async function planPointPush(
  trx: Kysely<Database>,
  deps: { clock: Clock; dialect: Dialect },
  variantId: string,
  locationId: string,
): Promise<boolean> {
  let pointQuery = trx
    .selectFrom('shopify_sync_points')
    .selectAll()
    .where('variant_id', '=', variantId)
    .where('location_id', '=', locationId)
    .where('in_flight_push_id', 'is', null);
  if (deps.dialect === 'postgres') pointQuery = pointQuery.forUpdate().skipLocked();
  const point = await pointQuery.executeTakeFirst();
  if (!point) return false;

  const rows = await trx
    .selectFrom('sync_outbox')
    .select(['id', 'movement_id'])
    .where('variant_id', '=', variantId)
    .where('location_id', '=', locationId)
    .where('push_id', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute();
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return false;

  const target = await trx
    .selectFrom('shopify_variant_links as link')
    .innerJoin('product_variants as v', 'v.id', 'link.variant_id')
    .innerJoin('shopify_location_map as map', (join) => join.on('map.location_id', '=', locationId))
    .leftJoin('stock_levels as level', (join) =>
      join.onRef('level.variant_id', '=', 'link.variant_id').on('level.location_id', '=', locationId),
    )
    .leftJoin('shopify_product_buffers as pb', 'pb.product_id', 'v.product_id')
    .crossJoin('shopify_connection as conn')
    .select([
      'link.shopify_inventory_item_id',
      'map.shopify_location_id',
      'level.on_hand',
      'level.committed',
      'pb.buffer',
      'conn.default_buffer',
    ])
    .where('link.variant_id', '=', variantId)
    .executeTakeFirst();
  if (!target) return false;

  const delta = planPushDelta({
    onHand: target.on_hand ?? 0,
    committed: target.committed ?? 0,
    buffer: target.buffer ?? target.default_buffer,
    expectedShopifyAvailable: point.expected_available,
  });
  const now = isoNow(deps.clock);
  const firstMovement = first.movement_id;
  const keyParts = {
    inventoryItemId: target.shopify_inventory_item_id,
    locationId: target.shopify_location_id,
    firstOutboxId: first.id,
    lastOutboxId: last.id,
  };
  // Only entries of a refused push sent again by hand (failed-pushes.service.ts) meet earlier pushes.
  const earlier = await trx
    .selectFrom('shopify_pushes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'retried')
    .where((eb) =>
      eb.or([
        eb('idempotency_key', '=', pushIdempotencyKey(keyParts)),
        eb('idempotency_key', 'like', `${pushIdempotencyKey(keyParts)}-retry-%`),
      ]),
    )
    .executeTakeFirstOrThrow();
  const push = await trx
    .insertInto('shopify_pushes')
    .values({
      variant_id: variantId,
      location_id: locationId,
      idempotency_key: pushIdempotencyKey({ ...keyParts, retry: Number(earlier.n) }),
      delta,
      reference_document_uri: `gid://tillsync/StockMovement/${firstMovement}`,
      batch_key: null,
      // Nothing to send when the movements cancel out (a sale and its return): recorded as done.
      status: delta === 0 ? 'sent' : 'pending',
      attempts: 0,
      last_error: null,
      claimed_until: null,
      created_at: now,
      sent_at: delta === 0 ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('sync_outbox')
    .set({ push_id: push.id })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  if (delta !== 0) {
    await trx
      .updateTable('shopify_sync_points')
      .set({ in_flight_push_id: push.id, updated_at: now })
      .where('variant_id', '=', variantId)
      .where('location_id', '=', locationId)
      .execute();
  }
  return true;
}
