import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { ShopifyConnectionRow } from './connection.repository.ts';
import { INVENTORY_LEVELS_BY_IDS } from './operations/inventory-levels-by-ids.ts';
import { reconcile } from './reconcile.service.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import type { InboxDeps } from './webhook-inbox.processor.ts';

/**
 * First sync, step 3 (the owner confirmed): link the matched pairs, start a sync point for every
 * linked item at every mapped location with the value Shopify holds now, record the moment the
 * integration started, then let a reconciliation set Shopify to the POS figures with
 * compare-and-swap. Each part is idempotent, so a confirm interrupted half-way can be run again.
 */
export interface ConfirmedLinks {
  matched: Array<{ posId: string; shopifyId: string }>;
}

export async function applyFirstSync(
  db: Kysely<Database>,
  deps: InboxDeps & { clock: Clock; newId: IdGenerator },
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
  jobId: string,
  links: ConfirmedLinks,
): Promise<{ linked: number; points: number; corrected: number }> {
  const mapped = await db
    .selectFrom('shopify_location_map')
    .select(['location_id', 'shopify_location_id'])
    .execute();
  if (mapped.length === 0) {
    throw invalid(
      'NO_LOCATION_MAPPED',
      'map at least one POS location to a Shopify location before the first sync',
      'locations',
    );
  }
  await db.updateTable('shopify_first_syncs').set({ status: 'applying' }).where('id', '=', jobId).execute();

  const staged = new Map(
    (
      await db
        .selectFrom('shopify_staged_variants')
        .select(['shopify_variant_id', 'shopify_product_id', 'inventory_item_id'])
        .where('job_id', '=', jobId)
        .execute()
    ).map((v) => [v.shopify_variant_id, v]),
  );
  const now = isoNow(deps.clock);
  let linked = 0;
  await db.transaction().execute(async (trx) => {
    for (const pair of links.matched) {
      const variant = staged.get(pair.shopifyId);
      if (!variant) continue;
      const inserted = await trx
        .insertInto('shopify_variant_links')
        .values({
          variant_id: pair.posId,
          shopify_variant_id: pair.shopifyId,
          shopify_inventory_item_id: variant.inventory_item_id,
          shopify_product_id: variant.shopify_product_id,
          linked_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      linked += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    }
  });

  const points = await startSyncPoints(db, deps, sync.shopify, mapped);
  if (!sync.connection.integration_started_at) {
    await db
      .updateTable('shopify_connection')
      .set({ integration_started_at: now })
      .where('id', '=', 1)
      .execute();
  }
  const connection = {
    ...sync.connection,
    integration_started_at: sync.connection.integration_started_at ?? now,
  };
  const outcome = await reconcile(db, deps, { connection, shopify: sync.shopify }, 'first_sync');
  await db
    .updateTable('shopify_first_syncs')
    .set({ status: 'done', finished_at: isoNow(deps.clock) })
    .where('id', '=', jobId)
    .execute();
  return { linked, points, corrected: outcome.corrected };
}

/** A sync point per linked item and mapped location, expecting what Shopify holds right now. */
async function startSyncPoints(
  db: Kysely<Database>,
  deps: { clock: Clock },
  shopify: ShopifyGraphql,
  mapped: Array<{ location_id: string; shopify_location_id: string }>,
): Promise<number> {
  const links = await db
    .selectFrom('shopify_variant_links as link')
    .leftJoin('shopify_sync_points as point', 'point.variant_id', 'link.variant_id')
    .select(['link.variant_id', 'link.shopify_inventory_item_id'])
    .where('point.variant_id', 'is', null)
    .execute();
  let created = 0;
  for (let i = 0; i < links.length; i += 250) {
    const chunk = links.slice(i, i + 250);
    const result = await shopify.request<{
      nodes: Array<{
        id?: string;
        inventoryLevels?: {
          nodes: Array<{ location: { id: string }; quantities: Array<{ name: string; quantity: number }> }>;
        };
      } | null>;
    }>(INVENTORY_LEVELS_BY_IDS, { ids: chunk.map((l) => l.shopify_inventory_item_id) });
    if (!result.ok) throw new Error(`reading Shopify levels: ${result.message}`);
    const available = new Map<string, number>();
    for (const node of result.data.nodes) {
      for (const level of node?.inventoryLevels?.nodes ?? []) {
        const value = level.quantities.find((q) => q.name === 'available')?.quantity;
        if (node?.id && value !== undefined) available.set(`${node.id}|${level.location.id}`, value);
      }
    }
    const now = isoNow(deps.clock);
    const rows = chunk.flatMap((link) =>
      mapped.flatMap((map) => {
        const value = available.get(`${link.shopify_inventory_item_id}|${map.shopify_location_id}`);
        // Not stocked at that Shopify location: nothing to keep in step there.
        return value === undefined
          ? []
          : [
              {
                variant_id: link.variant_id,
                location_id: map.location_id,
                expected_available: value,
                in_flight_push_id: null,
                last_pushed_at: null,
                updated_at: now,
              },
            ];
      }),
    );
    if (rows.length > 0) {
      const inserted = await db
        .insertInto('shopify_sync_points')
        .values(rows)
        .onConflict((oc) => oc.columns(['variant_id', 'location_id']).doNothing())
        .executeTakeFirst();
      created += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return created;
}
