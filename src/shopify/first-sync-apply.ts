import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { recordMovements } from '../inventory/ledger.repository.ts';
import { invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { ShopifyConnectionRow } from './connection.repository.ts';
import { type CreateProgress, createPosOnlyProductsOnShopify } from './first-sync-create.ts';
import { importShopifyOnlyProducts } from './first-sync-import.ts';
import {
  BULK_READ_ABOVE_POINTS,
  ITEMS_PER_READ,
  readShopifyAvailable,
  reconcile,
} from './reconcile.service.ts';
import { readAllShopifyAvailable } from './reconcile-bulk-read.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import type { InboxDeps } from './webhook-inbox.processor.ts';

/**
 * First sync, step 3 (the owner confirmed): link the matched pairs (and, as the owner chose, import
 * the Shopify-only products or create the POS-only ones on Shopify), start a sync point for every
 * linked item at every mapped location with the value Shopify holds now, record the moment the
 * integration started, then let a reconciliation set Shopify to the POS figures with
 * compare-and-swap. Each part is idempotent, so a confirm interrupted half-way can be run again.
 */
export interface ConfirmedLinks {
  matched: Array<{ posId: string; shopifyId: string }>;
  /** Shopify variants that matched nothing; imported when the owner chose to. */
  shopifyOnly?: string[];
  /** POS variants that matched nothing; created on Shopify when the owner chose to. */
  posOnly?: string[];
}

export interface FirstSyncChoices {
  /** Create the Shopify-only products in the POS, with Shopify's stock as their opening stock. */
  importShopifyOnly?: boolean;
  /** Create the POS-only products on Shopify; the POS figure then becomes their Shopify stock. */
  createPosOnly?: boolean;
}

export async function applyFirstSync(
  db: Kysely<Database>,
  deps: InboxDeps & { clock: Clock; newId: IdGenerator },
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
  jobId: string,
  links: ConfirmedLinks,
  choices: FirstSyncChoices = {},
  onCreateProgress?: CreateProgress,
): Promise<{
  linked: number;
  imported: number;
  skipped: Array<{ product: string; reason: string }>;
  createdOnShopify: number;
  notCreated: Array<{ product: string; reason: string }>;
  points: number;
  corrected: number;
}> {
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

  const imported = choices.importShopifyOnly
    ? await importShopifyOnlyProducts(db, deps, jobId, links.shopifyOnly ?? [])
    : { imported: 0, skipped: [], variantIds: [] };
  await takeOpeningStockFromShopify(db, deps, sync.shopify, mapped, imported.variantIds);
  const created = choices.createPosOnly
    ? await createPosOnlyProductsOnShopify(
        db,
        deps,
        sync.shopify,
        mapped.map((m) => m.shopify_location_id),
        links.posOnly ?? [],
        onCreateProgress,
      )
    : { created: 0, products: 0, skipped: [] };
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
  return {
    linked,
    imported: imported.imported,
    skipped: imported.skipped,
    createdOnShopify: created.created,
    notCreated: created.skipped,
    points,
    corrected: outcome.corrected,
  };
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
  const available = await readLevels(
    shopify,
    links.map((l) => l.shopify_inventory_item_id),
  );
  for (let i = 0; i < links.length; i += ITEMS_PER_READ) {
    const chunk = links.slice(i, i + ITEMS_PER_READ);
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

/**
 * Imported products come with Shopify's stock as their opening stock in the POS (recorded before
 * their sync points exist, so Shopify is not told about a change it already holds).
 */
async function takeOpeningStockFromShopify(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  shopify: ShopifyGraphql,
  mapped: Array<{ location_id: string; shopify_location_id: string }>,
  variantIds: readonly string[],
): Promise<void> {
  const allLinks: Array<{ variant_id: string; shopify_inventory_item_id: string }> = [];
  for (let i = 0; i < variantIds.length; i += ITEMS_PER_READ) {
    allLinks.push(
      ...(await db
        .selectFrom('shopify_variant_links')
        .select(['variant_id', 'shopify_inventory_item_id'])
        .where('variant_id', 'in', variantIds.slice(i, i + ITEMS_PER_READ))
        .execute()),
    );
  }
  const available = await readLevels(
    shopify,
    allLinks.map((l) => l.shopify_inventory_item_id),
  );
  for (let i = 0; i < allLinks.length; i += ITEMS_PER_READ) {
    const links = allLinks.slice(i, i + ITEMS_PER_READ);
    const movements = links.flatMap((link) =>
      mapped.flatMap((map) => {
        const quantity = available.get(`${link.shopify_inventory_item_id}|${map.shopify_location_id}`) ?? 0;
        return quantity === 0
          ? []
          : [
              {
                variantId: link.variant_id,
                locationId: map.location_id,
                onHandDelta: quantity,
                committedDelta: 0,
                reason: 'reconciliation' as const,
                note: 'Opening stock taken from Shopify at the first sync',
                sourceType: 'shopify_first_sync',
                sourceId: link.shopify_inventory_item_id,
                idempotencyKey: `shopify:first-sync:opening:${link.variant_id}:${map.location_id}`,
              },
            ];
      }),
    );
    if (movements.length > 0) await db.transaction().execute((trx) => recordMovements(trx, deps, movements));
  }
}

/**
 * Shopify's `available` for these items at every location: one bulk export for a large shop (paged
 * reads cost per item, hours of a Standard shop's budget at 100k), 50 items a call otherwise, and
 * paged too when the export fails.
 */
async function readLevels(shopify: ShopifyGraphql, itemIds: readonly string[]): Promise<Map<string, number>> {
  if (itemIds.length >= BULK_READ_ABOVE_POINTS) {
    const bulk = await readAllShopifyAvailable(shopify);
    if (bulk.ok) return bulk.levels;
  }
  const levels = new Map<string, number>();
  for (let i = 0; i < itemIds.length; i += ITEMS_PER_READ) {
    const chunk = await readShopifyAvailable(shopify, itemIds.slice(i, i + ITEMS_PER_READ));
    for (const [key, value] of chunk) levels.set(key, value);
  }
  return levels;
}
