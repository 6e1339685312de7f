import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import type { CreatedShop } from '../sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { createTestShop, startTestSandbox } from '../sandbox/test-support/sandbox-harness.ts';
import { previewFirstSync } from './first-sync-preview.ts';
import { type ReadCatalogOptions, readShopifyCatalog, startFirstSync } from './first-sync-reader.ts';
import { BULK_VARIANTS_QUERY } from './operations/bulk-operation-run-query.ts';
import { startBulkQuery } from './shopify-bulk-query.ts';
import { createShopifyGraphql, type ShopifyGraphql, staticToken } from './shopify-graphql.ts';

/**
 * The first sync's read of a large shop by bulk export (forced with a threshold of one variant)
 * against the paged read of the same shop: the same staged catalogue, hence the same preview; and a
 * read interrupted while its export ran resumes that export instead of starting another.
 */
const VARIANTS = 600;
const PAGED: ReadCatalogOptions = { bulkAbove: 1_000_000 };
const BULK: ReadCatalogOptions = { bulkAbove: 1, bulk: { pollMs: 50 } };

describeEachDatabase('first sync read by bulk export', (t) => {
  let sandbox: RunningSandbox;
  let shop: CreatedShop;
  let shopify: ShopifyGraphql;
  let test: TestApp;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    shop = await createTestShop(sandbox);
    const seeded = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variants: VARIANTS, variantsPerProduct: 4 }),
    });
    expect(seeded.ok).toBe(true);
    shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
    });
    test = await createTestApp(t.db);
  }, 60_000);
  afterAll(async () => {
    await test?.app.close();
    await sandbox?.close();
  });

  const db = () => t.db.kysely;
  async function latestBulkJob() {
    const result = await shopify.request<{
      currentBulkOperation: { id: string; status: string; query: string } | null;
    }>('query LatestBulk { currentBulkOperation { id status query } }');
    if (!result.ok) throw new Error(result.message);
    return result.data.currentBulkOperation;
  }
  /** The preview without its job id, every list in a stable order. */
  async function preview(jobId: string) {
    const { jobId: _, ...rest } = await previewFirstSync(db(), jobId);
    return JSON.parse(
      JSON.stringify(rest, (_key, value) =>
        Array.isArray(value)
          ? [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
          : value,
      ),
    );
  }
  async function newJob() {
    await db()
      .updateTable('shopify_first_syncs')
      .set({ status: 'failed' })
      .where('status', 'in', ['reading', 'ready'])
      .execute();
    return startFirstSync(db(), test.deps);
  }

  let pagedPreview: unknown;
  let pagedJob = '';

  it('pages through a shop below the threshold, with no bulk job', async () => {
    const jobId = await newJob();
    pagedJob = jobId;
    const read = await readShopifyCatalog(db(), shopify, jobId, undefined, PAGED);
    expect(read).toEqual({ jobId, status: 'ready', variantsRead: VARIANTS });
    expect(await latestBulkJob()).toBeNull();

    // A POS catalogue that meets Shopify's by SKU (the seeded barcodes are in-store 2x codes, which
    // never match), one of them with a barcode of its own.
    const staged = await db()
      .selectFrom('shopify_staged_variants')
      .select(['sku', 'barcode'])
      .where('job_id', '=', jobId)
      .orderBy('shopify_variant_id')
      .limit(6)
      .execute();
    const owner = await test.as('owner');
    for (const [i, v] of staged.entries()) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/catalog/products',
        headers: owner,
        payload: {
          name: `POS item ${i}`,
          taxRateBp: 2000,
          variants: [
            i < 5
              ? { sku: v.sku, priceMinor: 500 }
              : { sku: v.sku, barcode: '5000000000012', priceMinor: 500 },
          ],
        },
      });
      expect([response.statusCode, response.body]).toEqual([201, expect.anything()]);
    }
    pagedPreview = await preview(jobId);
    expect((pagedPreview as { counts: { matched: number } }).counts.matched).toBeGreaterThanOrEqual(5);
  });

  it('reads the same catalogue with one bulk export above the threshold: the same preview', async () => {
    const jobId = await newJob();
    const read = await readShopifyCatalog(db(), shopify, jobId, undefined, BULK);
    expect(read).toEqual({ jobId, status: 'ready', variantsRead: VARIANTS });
    const job = await latestBulkJob();
    expect(job).toMatchObject({ status: 'COMPLETED', query: BULK_VARIANTS_QUERY });
    expect(await preview(jobId)).toEqual(pagedPreview);
  });

  it('resumes the stored export after an interruption instead of starting another', async () => {
    const jobId = await newJob();
    // As a reader killed mid-way leaves it: its export started and noted, some rows already staged.
    const started = await startBulkQuery(shopify, BULK_VARIANTS_QUERY);
    if (!started.ok) throw new Error(started.message);
    await db()
      .updateTable('shopify_first_syncs')
      .set({ page_cursor: started.id, variants_read: 10 })
      .where('id', '=', jobId)
      .execute();
    await db()
      .insertInto('shopify_staged_variants')
      .expression((eb) =>
        eb
          .selectFrom('shopify_staged_variants')
          .select([
            eb.val(jobId).as('job_id'),
            'shopify_variant_id',
            'shopify_product_id',
            'inventory_item_id',
            'product_title',
            'variant_title',
            'sku',
            'barcode',
            'price',
          ])
          .where('job_id', '=', pagedJob)
          .orderBy('shopify_variant_id')
          .limit(10),
      )
      .execute();
    const read = await readShopifyCatalog(db(), shopify, jobId, undefined, BULK);
    expect(read).toEqual({ jobId, status: 'ready', variantsRead: VARIANTS });
    expect((await latestBulkJob())?.id).toBe(started.id);
    expect(await preview(jobId)).toEqual(pagedPreview);
  });
});
