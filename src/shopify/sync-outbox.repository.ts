import { type Kysely, sql } from 'kysely';
import { originatesOnShopify, shopifyAvailableEffect } from '../core/sync-planning.ts';
import type { Database } from '../db/schema.ts';
import type { RecordedMovement } from '../inventory/ledger.repository.ts';
import { listSyncPoints } from './sync-points.repository.ts';

/**
 * Called by the ledger inside the movement's own transaction (the transactional outbox):
 * - a POS-originated movement of a linked variant at a mapped location gets an outbox row, which
 *   the push worker turns into a delta for Shopify;
 * - a Shopify-originated movement is already applied on Shopify's side, so it only moves the level
 *   we expect Shopify to hold, and is never pushed back.
 * Unlinked variants and unmapped locations cost one indexed statement and write nothing.
 */
export async function noteMovementForShopify(
  trx: Kysely<Database>,
  movement: RecordedMovement,
): Promise<void> {
  if (movement.duplicate) return;
  if (originatesOnShopify(movement.reason)) {
    const effect = shopifyAvailableEffect(movement);
    if (effect === 0) return;
    await trx
      .updateTable('shopify_sync_points')
      .set({ expected_available: sql`expected_available + ${effect}`, updated_at: movement.createdAt })
      .where('variant_id', '=', movement.variantId)
      .where('location_id', '=', movement.locationId)
      .execute();
    // Usually Shopify and the POS moved alike and there is nothing to send. Not across the clamp at
    // zero (or the buffer): an order that takes Shopify to -3 leaves the POS target at 0, and Shopify
    // must be brought back to it by a push rather than wait for the next reconciliation.
    if (!(await targetDiffersFromExpectation(trx, movement.variantId, movement.locationId))) return;
  }
  await trx
    .insertInto('sync_outbox')
    .columns(['variant_id', 'location_id', 'movement_id', 'push_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('shopify_variant_links')
        .innerJoin('shopify_location_map', (join) => join.onTrue())
        .select([
          eb.val(movement.variantId).as('variant_id'),
          eb.val(movement.locationId).as('location_id'),
          eb.val(movement.id).as('movement_id'),
          sql<null>`null`.as('push_id'),
          eb.val(movement.createdAt).as('created_at'),
        ])
        .where('shopify_variant_links.variant_id', '=', movement.variantId)
        .where('shopify_location_map.location_id', '=', movement.locationId),
    )
    .execute();
}

async function targetDiffersFromExpectation(
  trx: Kysely<Database>,
  variantId: string,
  locationId: string,
): Promise<boolean> {
  const point = (await listSyncPoints(trx, [variantId])).find((p) => p.locationId === locationId);
  if (!point) return false;
  // A push in flight moves the expectation only when confirmed, so whether a follow-up is needed is
  // known only then: queue one, and the planner works out its delta (often 0) after the confirmation.
  return point.inFlightPushId !== null || point.target !== point.expectedAvailable;
}
