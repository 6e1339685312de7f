import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { readConfig } from '../config/config.ts';
import { type Db, openSqlite } from '../db/database.ts';
import { migrateOrThrow } from '../db/migrate.ts';
import { ensureDefaultLocation } from '../inventory/location.service.ts';
import type { CreatedShop } from '../sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { clientFor, createTestShop, startTestSandbox } from '../sandbox/test-support/sandbox-harness.ts';
import { PRODUCT_VARIANTS_SEARCH } from './operations/product-variants-search.ts';
import { firstSyncCommand } from './shopify.cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tillsync-shopify-cli-'));
const secretKeyHex = randomBytes(32).toString('hex');
let db: Db;
let test: TestApp;
let sandbox: RunningSandbox;
let shop: CreatedShop;

beforeAll(async () => {
  db = openSqlite(join(dataDir, 'tillsync.sqlite'));
  await migrateOrThrow(db);
  test = await createTestApp(db, { secretKeyHex });
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
  const owner = await test.as('owner');
  const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const response = await test.app.inject({ method, url, headers: owner, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const location = await ensureDefaultLocation(db.kysely, test.deps);
  const locationId =
    location?.id ??
    (await db.kysely.selectFrom('locations').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
  const product = await call('POST', '/api/catalog/products', {
    name: 'Shop-floor lantern',
    taxRateBp: 2000,
    variants: [{ sku: 'LANTERN-1', priceMinor: 4500 }],
  });
  await call('POST', '/api/stock/receipts', {
    locationId,
    lines: [{ variantId: product.variants[0].id, quantity: 3 }],
  });
  await call('POST', '/api/shopify/connect', {
    shopDomain: shop.domain,
    accessToken: shop.accessToken,
    apiSecret: shop.apiSecret,
    apiOrigin: sandbox.url,
  });
  await call('PUT', '/api/shopify/location-map', {
    mappings: [{ locationId, shopifyLocationId: shop.locationIds[0] }],
  });
}, 60_000);
afterAll(async () => {
  await test?.app.close();
  await db?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('tillsync first-sync --confirm --create-pos-only creates the POS-only product on Shopify and says so', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await firstSyncCommand(
    readConfig({ DATA_DIR: dataDir, TILLSYNC_SECRET_KEY: secretKeyHex }),
    { print: (line) => out.push(line), printError: (line) => err.push(line), progress: false },
    { confirm: true, createPosOnly: true },
  );
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out).toContain('matched 0, POS only 1, Shopify only 0, conflicts 0');
  expect(out).toContain('created 1 POS-only variants on Shopify');
  const found = await clientFor(sandbox, shop).request(PRODUCT_VARIANTS_SEARCH, {
    variables: { first: 5, query: 'sku:LANTERN-1' },
  });
  expect(found.data.productVariants.nodes).toHaveLength(1);
  expect(found.data.productVariants.nodes[0].product.title).toBe('Shop-floor lantern');
});
