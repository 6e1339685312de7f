import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A change Shopify refused outright (not a transient failure), for the sync page. */
export interface FailedPushView {
  id: number;
  variantId: string;
  sku: string | null;
  productName: string;
  variantTitle: string;
  locationId: string;
  locationName: string;
  delta: number;
  error: string | null;
  createdAt: string;
}

export async function listFailedPushes(db: Kysely<Database>, limit = 50): Promise<FailedPushView[]> {
  const rows = await db
    .selectFrom('shopify_pushes as p')
    .innerJoin('product_variants as v', 'v.id', 'p.variant_id')
    .innerJoin('products as pr', 'pr.id', 'v.product_id')
    .innerJoin('locations as l', 'l.id', 'p.location_id')
    .select([
      'p.id',
      'p.variant_id',
      'v.sku',
      'pr.name as product_name',
      'v.title as variant_title',
      'p.location_id',
      'l.name as location_name',
      'p.delta',
      'p.last_error',
      'p.created_at',
    ])
    .where('p.status', '=', 'failed')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    variantId: r.variant_id,
    sku: r.sku,
    productName: r.product_name,
    variantTitle: r.variant_title,
    locationId: r.location_id,
    locationName: r.location_name,
    delta: r.delta,
    error: r.last_error,
    createdAt: r.created_at,
  }));
}

/**
 * Sends refused changes again once the owner has fixed the cause in Shopify (say, stocked the item
 * at the location again). Each failed push's outbox entries are released, so the planner computes a
 * fresh delta from the level as it is now, under a new idempotency key (a `retry` of the refused
 * one): the refused call was never applied, and re-using its key would only replay the refusal.
 */
export async function retryFailedPushes(db: Kysely<Database>): Promise<{ requeued: number }> {
  return db.transaction().execute(async (trx) => {
    const failed = await trx
      .selectFrom('shopify_pushes')
      .select('id')
      .where('status', '=', 'failed')
      .execute();
    if (failed.length === 0) return { requeued: 0 };
    const ids = failed.map((f) => f.id);
    await trx.updateTable('sync_outbox').set({ push_id: null }).where('push_id', 'in', ids).execute();
    await trx.updateTable('shopify_pushes').set({ status: 'retried' }).where('id', 'in', ids).execute();
    return { requeued: ids.length };
  });
}
