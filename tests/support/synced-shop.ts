import { generateInStoreGtin13 } from '../../src/core/gtin.ts';
import type { Db } from '../../src/db/database.ts';
import { ensureDefaultLocation } from '../../src/inventory/location.service.ts';
import { ensureDefaultRegister } from '../../src/registers/registers.repository.ts';
import type { CreatedShop } from '../../src/sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import {
  clientFor,
  createTestShop,
  startTestSandbox,
} from '../../src/sandbox/test-support/sandbox-harness.ts';
import { PRODUCT_SET } from '../../src/shopify/operations/product-set.ts';
import { type SyncEngine, startSyncEngine } from '../../src/shopify/sync-engine.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/**
 * A POS connected to a fresh sandbox shop through the real HTTP API, first sync done, the sync
 * engine running on a fast tick: the set-up every end-to-end sync test starts from. The POS app
 * listens on 127.0.0.1 so the sandbox can deliver webhooks to it.
 */
export interface SyncedItem {
  variantId: string;
  sku: string;
  barcode: string;
  shopifyVariantId: string;
  inventoryItemId: string;
}

export interface SyncedShop {
  sandbox: RunningSandbox;
  shop: CreatedShop;
  test: TestApp;
  appUrl: string;
  /** Replaceable: a bench restarts it with another poll interval. */
  engine: SyncEngine;
  locationId: string;
  shopifyLocationId: string;
  registerId: string;
  items: SyncedItem[];
  owner: { cookie: string };
  /** Admin API call as the shop's app, through the official client. */
  admin(document: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** POST to the sandbox's control API. */
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  shopifyAvailable(item: SyncedItem): Promise<number>;
  posLevel(item: SyncedItem): Promise<{ onHand: number; committed: number }>;
  close(): Promise<void>;
}

export const ITEM_COUNT = 12;
export const POS_START_STOCK = 10;
export const SHOPIFY_START_STOCK = 3;

export interface SyncedShopOptions {
  /** Serve the built pages too (browser tests). */
  webRoot?: string;
  /** Seal the store's secrets with this key, so other server processes can open them. */
  secretKeyHex?: string;
  /** Runs after both catalogues exist and before the store is connected: for pre-integration orders. */
  beforeConnect?: (ctx: { sandbox: RunningSandbox; shop: CreatedShop; items: SyncedItem[] }) => Promise<void>;
}

export async function startSyncedShop(db: Db, options: SyncedShopOptions = {}): Promise<SyncedShop> {
  const sandbox = await startTestSandbox({ webhookRetryBaseMs: 50 });
  const shop = await createTestShop(sandbox);
  const shopifyLocationId = shop.locationIds[0]!;
  const test = await createTestApp(db, { webRoot: options.webRoot, secretKeyHex: options.secretKeyHex });
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const address = test.app.server.address();
  const appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const owner = await test.as('owner');
  const location = await ensureDefaultLocation(db.kysely, test.deps);
  const locationId =
    location?.id ??
    (await db.kysely.selectFrom('locations').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
  const register = await ensureDefaultRegister(db.kysely, test.deps);
  const client = clientFor(sandbox, shop);

  const admin = async (document: string, variables: Record<string, unknown> = {}) => {
    const response = await client.request(document, { variables });
    if (response.errors) throw new Error(`admin call failed: ${JSON.stringify(response.errors)}`);
    return response.data as Record<string, unknown>;
  };
  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const response = await test.app.inject({
      method,
      url,
      headers: owner,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  // The same catalogue on both sides, matched by barcode; the POS holds 10 of each, Shopify 3.
  const items: SyncedItem[] = [];
  for (let i = 1; i <= ITEM_COUNT; i++) {
    const barcode = generateInStoreGtin13('21', 1000 + i + Math.floor(Math.random() * 1e6) * 100);
    const sku = `E2E-${i}-${barcode.slice(-5)}`;
    const product = await api('POST', '/api/catalog/products', {
      name: `Sync item ${i}`,
      taxRateBp: 2000,
      variants: [{ sku, barcode, priceMinor: 500 }],
    });
    const variantId = product.variants[0].id as string;
    await api('POST', '/api/stock/receipts', {
      locationId,
      lines: [{ variantId, quantity: POS_START_STOCK }],
    });
    const created = (await admin(PRODUCT_SET, {
      input: {
        title: `Sync item ${i}`,
        variants: [
          {
            optionValues: [{ optionName: 'Title', name: 'Default Title' }],
            sku,
            barcode,
            price: '5.00',
            inventoryItem: { tracked: true },
            inventoryQuantities: [
              { locationId: shopifyLocationId, name: 'available', quantity: SHOPIFY_START_STOCK },
            ],
          },
        ],
      },
    })) as {
      productSet: { product: { variants: { nodes: Array<{ id: string; inventoryItem: { id: string } }> } } };
    };
    const node = created.productSet.product.variants.nodes[0]!;
    items.push({
      variantId,
      sku,
      barcode,
      shopifyVariantId: node.id,
      inventoryItemId: node.inventoryItem.id,
    });
  }

  await options.beforeConnect?.({ sandbox, shop, items });
  await api('POST', '/api/shopify/connect', {
    shopDomain: shop.domain,
    accessToken: shop.accessToken,
    apiSecret: shop.apiSecret,
    apiOrigin: sandbox.url,
    webhookBaseUrl: appUrl,
  });
  await api('PUT', '/api/shopify/location-map', { mappings: [{ locationId, shopifyLocationId }] });
  const { jobId } = await api('POST', '/api/shopify/first-sync');
  await eventually(async () => {
    const state = await api('GET', '/api/shopify/first-sync');
    if (state.job?.status !== 'ready') throw new Error(`first sync is ${state.job?.status}`);
  });
  await api('POST', '/api/shopify/first-sync/confirm', { jobId });

  const engine = startSyncEngine(
    db,
    { ...test.deps },
    { tickMs: 20, pollIntervalMs: 3_600_000, reconcileIntervalMs: 3_600_000 },
  );
  test.deps.shopifySync = engine;

  const levelQuery = /* GraphQL */ `
    query Level($id: ID!, $locationId: ID!) {
      inventoryItem(id: $id) {
        inventoryLevel(locationId: $locationId) {
          quantities(names: ["available"]) {
            quantity
          }
        }
      }
    }
  `;
  const synced: SyncedShop = {
    sandbox,
    shop,
    test,
    appUrl,
    engine,
    locationId,
    shopifyLocationId,
    registerId: register!.id,
    items,
    owner,
    admin,
    async control(path, body, method = 'POST') {
      const response = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async shopifyAvailable(item) {
      const data = (await admin(levelQuery, { id: item.inventoryItemId, locationId: shopifyLocationId })) as {
        inventoryItem: { inventoryLevel: { quantities: Array<{ quantity: number }> } };
      };
      return data.inventoryItem.inventoryLevel.quantities[0]!.quantity;
    },
    async posLevel(item) {
      const row = await db.kysely
        .selectFrom('stock_levels')
        .select(['on_hand', 'committed'])
        .where('variant_id', '=', item.variantId)
        .where('location_id', '=', locationId)
        .executeTakeFirst();
      return { onHand: row?.on_hand ?? 0, committed: row?.committed ?? 0 };
    },
    async close() {
      await synced.engine.stop();
      await test.app.close();
      await sandbox.close();
    },
  };
  return synced;
}

/** Retries an assertion until it holds or the time is up (the last failure is thrown). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
