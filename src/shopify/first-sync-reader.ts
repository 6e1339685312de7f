import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { conflict } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { BULK_VARIANTS_QUERY } from './operations/bulk-operation-run-query.ts';
import { PRODUCT_VARIANTS_COUNT, VARIANTS_PAGE } from './operations/catalog-read.ts';
import {
  type BulkWaitOptions,
  forEachJsonlLine,
  startBulkQuery,
  waitForBulkOperation,
} from './shopify-bulk-query.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * First sync, step 1: read every Shopify variant into a staging table (DESIGN §1: a bulk operation
 * for large shops, paginated otherwise).
 * - Paged: each page is stored with the cursor after it in one transaction, so an interrupted read
 *   (a crash, a lost network) resumes from the last stored page instead of starting over.
 * - Bulk (at least `bulkAbove` variants): the job's id is stored as the job's resume point before
 *   waiting, so a restarted read polls the same job (or downloads its file again; its URL lasts 7
 *   days) instead of starting another; staging ignores rows it already holds. A job that fails,
 *   or cannot start, gives way to the paged read.
 */
export const BULK_FIRST_SYNC_ABOVE_VARIANTS = 2000;
const BULK_JOB_PREFIX = 'gid://shopify/BulkOperation/';
const STAGED_PER_WRITE = 500;

export interface ReadCatalogOptions {
  /** Use a bulk export when the shop has at least this many variants. */
  bulkAbove?: number;
  bulk?: BulkWaitOptions;
}
export interface FirstSyncProgress {
  jobId: string;
  status: string;
  variantsRead: number;
}

export async function startFirstSync(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<string> {
  const active = await db
    .selectFrom('shopify_first_syncs')
    .select(['id', 'status'])
    .where('status', 'in', ['reading', 'ready', 'applying'])
    .executeTakeFirst();
  if (active) return active.id;
  const done = await db
    .selectFrom('shopify_first_syncs')
    .select('id')
    .where('status', '=', 'done')
    .executeTakeFirst();
  if (done) throw conflict('FIRST_SYNC_DONE', 'the first sync has already been completed for this store');
  const id = deps.newId('fsync');
  await db
    .insertInto('shopify_first_syncs')
    .values({
      id,
      status: 'reading',
      page_cursor: null,
      variants_read: 0,
      started_at: isoNow(deps.clock),
      finished_at: null,
      error: null,
    })
    .execute();
  return id;
}

interface ShopifyVariant {
  id: string;
  sku: string | null;
  barcode: string | null;
  title: string;
  price: string;
  product: { id: string; title: string };
  inventoryItem: { id: string };
}

interface VariantsPageData {
  productVariants: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: ShopifyVariant[];
  };
}

const stagedRow = (jobId: string, v: ShopifyVariant) => ({
  job_id: jobId,
  shopify_variant_id: v.id,
  shopify_product_id: v.product.id,
  inventory_item_id: v.inventoryItem.id,
  product_title: v.product.title,
  variant_title: v.title,
  sku: v.sku,
  barcode: v.barcode,
  price: v.price,
});

export async function readShopifyCatalog(
  db: Kysely<Database>,
  shopify: ShopifyGraphql,
  jobId: string,
  onProgress: (progress: FirstSyncProgress) => void = () => {},
  options: ReadCatalogOptions = {},
): Promise<FirstSyncProgress> {
  const job = await db
    .selectFrom('shopify_first_syncs')
    .selectAll()
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  if (job.status !== 'reading') return { jobId, status: job.status, variantsRead: job.variants_read };
  const resumingBulk = job.page_cursor?.startsWith(BULK_JOB_PREFIX) ?? false;
  const fresh = job.page_cursor === null && job.variants_read === 0;
  if (resumingBulk || (fresh && (await isLargeShop(shopify, options.bulkAbove)))) {
    const bulk = await readByBulkOperation(db, shopify, jobId, job.page_cursor, onProgress, options.bulk);
    if (bulk) return bulk;
    // The export failed or could not start: page through from the beginning instead.
    await db
      .updateTable('shopify_first_syncs')
      .set({ page_cursor: null, variants_read: 0 })
      .where('id', '=', jobId)
      .execute();
    return readPages(db, shopify, jobId, null, 0, onProgress);
  }
  return readPages(db, shopify, jobId, job.page_cursor, job.variants_read, onProgress);
}

async function isLargeShop(shopify: ShopifyGraphql, bulkAbove = BULK_FIRST_SYNC_ABOVE_VARIANTS) {
  const result = await shopify.request<{ productVariantsCount: { count: number } | null }>(
    PRODUCT_VARIANTS_COUNT,
    { limit: bulkAbove },
  );
  return result.ok && (result.data.productVariantsCount?.count ?? 0) >= bulkAbove;
}

/** Undefined when the export cannot be had (the caller pages instead). */
async function readByBulkOperation(
  db: Kysely<Database>,
  shopify: ShopifyGraphql,
  jobId: string,
  storedJob: string | null,
  onProgress: (progress: FirstSyncProgress) => void,
  waitOptions: BulkWaitOptions = {},
): Promise<FirstSyncProgress | undefined> {
  const progress = (variantsRead: number) => onProgress({ jobId, status: 'reading', variantsRead });
  let bulkId = storedJob?.startsWith(BULK_JOB_PREFIX) ? storedJob : undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!bulkId) {
      const started = await startBulkQuery(shopify, BULK_VARIANTS_QUERY);
      if (!started.ok) {
        if (started.inProgress.length === 0) return undefined;
        for (const other of started.inProgress) await waitForBulkOperation(shopify, other, waitOptions);
        continue;
      }
      bulkId = started.id;
      await db
        .updateTable('shopify_first_syncs')
        .set({ page_cursor: bulkId })
        .where('id', '=', jobId)
        .execute();
    }
    const end = await waitForBulkOperation(shopify, bulkId, {
      ...waitOptions,
      // Shopify's count of exported variants is the progress while the job runs.
      onProgress: async (exported) => {
        await waitOptions.onProgress?.(exported);
        await db
          .updateTable('shopify_first_syncs')
          .set({ variants_read: exported })
          .where('id', '=', jobId)
          .execute();
        progress(exported);
      },
    });
    if (end.status === 'TIMED_OUT' || end.status === 'UNKNOWN') {
      // Still running, or Shopify did not answer: keep the job id, so starting again resumes it.
      await recordError(db, jobId, end.message);
      throw new Error(`reading Shopify variants: ${end.message} (the read resumes when started again)`);
    }
    if (end.status !== 'COMPLETED') {
      bulkId = undefined; // failed, cancelled or expired: a new export
      continue;
    }
    let read = 0;
    let batch: ReturnType<typeof stagedRow>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await db
        .insertInto('shopify_staged_variants')
        .values(rows)
        .onConflict((oc) => oc.columns(['job_id', 'shopify_variant_id']).doNothing())
        .execute();
    };
    try {
      if (end.url !== null) {
        await forEachJsonlLine(end.url, (line) => {
          read++;
          batch.push(stagedRow(jobId, line as unknown as ShopifyVariant));
          return batch.length >= STAGED_PER_WRITE ? flush() : undefined;
        });
      }
      await flush();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await recordError(db, jobId, message);
      throw new Error(`reading Shopify variants: ${message} (the read resumes when started again)`);
    }
    await db
      .updateTable('shopify_first_syncs')
      .set({ status: 'ready', page_cursor: null, variants_read: read, error: null })
      .where('id', '=', jobId)
      .execute();
    onProgress({ jobId, status: 'ready', variantsRead: read });
    return { jobId, status: 'ready', variantsRead: read };
  }
  return undefined;
}

async function recordError(db: Kysely<Database>, jobId: string, message: string) {
  await db
    .updateTable('shopify_first_syncs')
    .set({ error: message.slice(0, 500) })
    .where('id', '=', jobId)
    .execute();
}

async function readPages(
  db: Kysely<Database>,
  shopify: ShopifyGraphql,
  jobId: string,
  startCursor: string | null,
  startRead: number,
  onProgress: (progress: FirstSyncProgress) => void,
): Promise<FirstSyncProgress> {
  let cursor = startCursor;
  let read = startRead;
  for (;;) {
    const result = await shopify.request<VariantsPageData>(VARIANTS_PAGE, { after: cursor });
    if (!result.ok) {
      await db
        .updateTable('shopify_first_syncs')
        .set({ error: `${result.kind}: ${result.message}` })
        .where('id', '=', jobId)
        .execute();
      throw new Error(
        `reading Shopify variants: ${result.message} (the read resumes from here when started again)`,
      );
    }
    const page = result.data.productVariants;
    const next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    read += page.nodes.length;
    await db.transaction().execute(async (trx) => {
      if (page.nodes.length > 0) {
        await trx
          .insertInto('shopify_staged_variants')
          .values(page.nodes.map((v) => stagedRow(jobId, v)))
          .onConflict((oc) => oc.columns(['job_id', 'shopify_variant_id']).doNothing())
          .execute();
      }
      await trx
        .updateTable('shopify_first_syncs')
        .set({
          page_cursor: next,
          variants_read: read,
          error: null,
          ...(next === null ? { status: 'ready' as const } : {}),
        })
        .where('id', '=', jobId)
        .execute();
    });
    onProgress({ jobId, status: next === null ? 'ready' : 'reading', variantsRead: read });
    if (next === null) return { jobId, status: 'ready', variantsRead: read };
    cursor = next;
  }
}
