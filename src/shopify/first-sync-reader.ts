import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { conflict } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { VARIANTS_PAGE } from './operations/catalog-read.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * First sync, step 1: read every Shopify variant into a staging table. Each page is stored with
 * the cursor after it in one transaction, so an interrupted read (a crash, a lost network) resumes
 * from the last stored page instead of starting over; 100k variants are 400 pages.
 */
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

interface VariantsPageData {
  productVariants: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      sku: string | null;
      barcode: string | null;
      title: string;
      price: string;
      product: { id: string; title: string };
      inventoryItem: { id: string };
    }>;
  };
}

export async function readShopifyCatalog(
  db: Kysely<Database>,
  shopify: ShopifyGraphql,
  jobId: string,
  onProgress: (progress: FirstSyncProgress) => void = () => {},
): Promise<FirstSyncProgress> {
  const job = await db
    .selectFrom('shopify_first_syncs')
    .selectAll()
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  if (job.status !== 'reading') return { jobId, status: job.status, variantsRead: job.variants_read };
  let cursor = job.page_cursor;
  let read = job.variants_read;
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
          .values(
            page.nodes.map((v) => ({
              job_id: jobId,
              shopify_variant_id: v.id,
              shopify_product_id: v.product.id,
              inventory_item_id: v.inventoryItem.id,
              product_title: v.product.title,
              variant_title: v.title,
              sku: v.sku,
              barcode: v.barcode,
              price: v.price,
            })),
          )
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
