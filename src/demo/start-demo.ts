import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { seedDemoCatalog } from '../catalog/demo-catalog.ts';
import type { Db } from '../db/database.ts';
import { inWriteTransaction } from '../db/write-transaction.ts';
import { receiveGoods } from '../inventory/stock-documents.service.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import type { AppDeps } from '../server/app-deps.ts';
import { connectShopify } from '../shopify/connect.service.ts';
import { loadConnection } from '../shopify/connection.repository.ts';
import { applyFirstSync } from '../shopify/first-sync-apply.ts';
import { previewFirstSync } from '../shopify/first-sync-preview.ts';
import { readShopifyCatalog, startFirstSync } from '../shopify/first-sync-reader.ts';
import { PRODUCT_SET } from '../shopify/operations/product-set.ts';
import { createShopifyGraphql, staticToken } from '../shopify/shopify-graphql.ts';
import { createSyncClientProvider } from '../shopify/sync-client.ts';

/**
 * `npm start` with no Shopify store configured: a demo shop a new user can watch work. The POS gets
 * a small catalogue with stock; the local Shopify sandbox gets a store holding most of the same
 * products (matched by barcode, with stale stock) and two items of its own; the POS connects to it,
 * runs the first sync (importing Shopify's two, creating the POS's missing ones on Shopify), and a
 * simulated storefront places an order now and then, so stock is seen moving both ways. Everything
 * persists under DATA_DIR; a restart reuses it.
 */
export interface DemoOptions {
  appUrl: string;
  sandboxPort: number;
  dataDir: string;
  ordersPerMinute: number;
  log?: FastifyBaseLogger;
}

export interface RunningDemo {
  sandbox: RunningSandbox;
  shopDomain: string;
  close(): Promise<void>;
}

export async function startDemo(db: Db, deps: AppDeps, options: DemoOptions): Promise<RunningDemo> {
  const sandbox = await startSandbox({
    port: options.sandboxPort,
    dataFile: join(options.dataDir, 'shopify-sandbox.sqlite'),
  });
  const existing = await loadConnection(db.kysely);
  let shopDomain: string;
  if (existing) {
    shopDomain = existing.shop_domain;
    // The sandbox may listen on another port than last time.
    await db.kysely
      .updateTable('shopify_connection')
      .set({ api_origin: sandbox.url })
      .where('id', '=', 1)
      .execute();
  } else {
    shopDomain = await createConnectedDemo(db, deps, sandbox, options);
  }
  if (options.ordersPerMinute > 0) {
    await control(sandbox, `/sandbox/shops/${shopDomain}/storefront`, {
      ordersPerMinute: options.ordersPerMinute,
      oversell: false,
    });
  }
  return { sandbox, shopDomain, close: () => sandbox.close() };
}

async function createConnectedDemo(
  db: Db,
  deps: AppDeps,
  sandbox: RunningSandbox,
  options: DemoOptions,
): Promise<string> {
  const location = await db.kysely
    .selectFrom('locations')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const { variantIds } = await seedDemoCatalog(db.kysely, deps);
  const owner = await db.kysely
    .selectFrom('staff_members')
    .select(['id', 'display_name'])
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  await inWriteTransaction(db, (trx) =>
    receiveGoods(
      trx,
      deps,
      { staffId: owner.id, displayName: owner.display_name },
      {
        locationId: location.id,
        note: 'Opening stock (demo)',
        lines: variantIds.map((variantId, i) => ({ variantId, quantity: 2 + ((i * 7) % 11) })),
      },
    ),
  );

  const shop = (await control(sandbox, '/sandbox/shops', { plan: 'standard', name: 'Demo corner shop' })) as {
    domain: string;
    accessToken: string;
    apiSecret: string;
    locationIds: string[];
  };
  await copyCatalogToShopify(db, sandbox, shop, variantIds);

  await connectShopify(db.kysely, deps, 'pro', {
    shopDomain: shop.domain,
    credentials: { kind: 'access_token', accessToken: shop.accessToken },
    apiSecret: shop.apiSecret,
    apiOrigin: sandbox.url,
    webhookBaseUrl: options.appUrl,
  });
  await db.kysely
    .insertInto('shopify_location_map')
    .values({ location_id: location.id, shopify_location_id: shop.locationIds[0]! })
    .execute();
  const sync = (await createSyncClientProvider(db.kysely, deps)())!;
  const jobId = await startFirstSync(db.kysely, deps);
  await readShopifyCatalog(db.kysely, sync.shopify, jobId);
  const preview = await previewFirstSync(db.kysely, jobId);
  await applyFirstSync(db.kysely, { ...deps, dialect: db.dialect }, sync, jobId, preview, {
    importShopifyOnly: true,
    createPosOnly: true,
  });
  options.log?.info({ matched: preview.counts }, 'demo: first sync done');
  return shop.domain;
}

/**
 * The "existing online store": the demo products minus two the shop has not put online yet (the
 * first sync creates them there), plus two sold only online. Stock on Shopify is stale on purpose;
 * the first sync sets it to the POS figure.
 */
async function copyCatalogToShopify(
  db: Db,
  sandbox: RunningSandbox,
  shop: { domain: string; accessToken: string; locationIds: string[] },
  variantIds: string[],
): Promise<void> {
  const shopify = createShopifyGraphql({
    shopDomain: shop.domain,
    tokens: staticToken(shop.accessToken),
    apiOrigin: sandbox.url,
  });
  const rows = await db.kysely
    .selectFrom('product_variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select(['p.id as product_id', 'p.name', 'v.title', 'v.sku', 'v.barcode', 'v.price_minor'])
    .where('v.id', 'in', variantIds)
    .orderBy('p.name')
    .orderBy('v.id')
    .execute();
  const byProduct = new Map<string, typeof rows>();
  for (const row of rows) byProduct.set(row.product_id, [...(byProduct.get(row.product_id) ?? []), row]);
  const products = [...byProduct.values()].slice(0, -2);
  const onlineOnly = [
    {
      name: 'Gift card wrapping (online only)',
      title: 'Default Title',
      sku: 'WEB-WRAP',
      barcode: null,
      price_minor: 250,
    },
    {
      name: 'Seasonal hamper (online only)',
      title: 'Default Title',
      sku: 'WEB-HAMPER',
      barcode: null,
      price_minor: 3500,
    },
  ];
  for (const variants of [...products, ...onlineOnly.map((o) => [{ ...o, product_id: o.sku }])]) {
    const first = variants[0]!;
    const multi = variants.length > 1;
    const result = await shopify.request(PRODUCT_SET, {
      input: {
        title: first.name,
        ...(multi
          ? { productOptions: [{ name: 'Variant', values: variants.map((v) => ({ name: v.title })) }] }
          : {}),
        variants: variants.map((v, i) => ({
          optionValues: [
            { optionName: multi ? 'Variant' : 'Title', name: multi ? v.title : 'Default Title' },
          ],
          sku: v.sku,
          barcode: v.barcode,
          price: (v.price_minor / 100).toFixed(2),
          inventoryItem: { tracked: true },
          inventoryQuantities: [
            { locationId: shop.locationIds[0], name: 'available', quantity: (i % 3) + 1 },
          ],
        })),
      },
    });
    if (!result.ok)
      throw new Error(`demo: could not create "${first.name}" in the sandbox: ${result.message}`);
  }
}

async function control(sandbox: RunningSandbox, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`demo: sandbox ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
