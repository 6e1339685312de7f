import { ensureDefaultLocation } from '../../src/inventory/location.service.ts';
import { ensureDefaultRegister } from '../../src/registers/registers.repository.ts';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import { createTestShop } from '../../src/sandbox/test-support/sandbox-harness.ts';
import { eventually } from '../../tests/support/synced-shop.ts';
import type { TestApp } from '../../tests/support/test-app.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import { createSqliteTestDatabase, type TestDatabase } from '../../tests/support/test-databases.ts';

/**
 * One shop of the oversell simulation: a POS (the real app, SQLite, listening so the sandbox can
 * deliver webhooks) connected to its own sandbox shop on the Standard plan, with a catalogue of
 * `items` scarce variants. The catalogue is seeded in the sandbox with no stock anywhere (so Shopify
 * cannot take an order from a location the POS does not map), imported into the POS by the real first
 * sync, then counted in the POS to 1–5 units each (`stockOf(i)`), which the engine pushes to the
 * mapped location: the caller drains that before its day starts, so both sides start equal.
 */
export interface ScarceItem {
  variantId: string;
  shopifyVariantId: string;
  stock: number;
}

export interface ScarceShop {
  database: TestDatabase;
  test: TestApp;
  domain: string;
  locationId: string;
  registerId: string;
  owner: { cookie: string };
  items: ScarceItem[];
  close(): Promise<void>;
}

export async function openScarceShop(
  sandbox: RunningSandbox,
  items: number,
  stockOf: (index: number) => number,
): Promise<ScarceShop> {
  const database = await createSqliteTestDatabase();
  const test = await createTestApp(database.db);
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const address = test.app.server.address();
  const appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const owner = await test.as('owner');
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
  const shop = await createTestShop(sandbox);
  const seeded = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variants: items, quantity: 0 }),
  });
  if (seeded.status !== 201) throw new Error(`seeding failed: ${await seeded.text()}`);

  // As `tillsync serve` does on start.
  await ensureDefaultLocation(database.db.kysely, test.deps);
  const register = await ensureDefaultRegister(database.db.kysely, test.deps);
  const locations = (await api('GET', '/api/locations')) as Array<{ id: string }>;
  const locationId = locations[0]!.id;
  await api('POST', '/api/shopify/connect', {
    shopDomain: shop.domain,
    accessToken: shop.accessToken,
    apiSecret: shop.apiSecret,
    apiOrigin: sandbox.url,
    webhookBaseUrl: appUrl,
  });
  await api('PUT', '/api/shopify/location-map', {
    mappings: [{ locationId, shopifyLocationId: shop.locationIds[0] }],
  });
  const { jobId } = await api('POST', '/api/shopify/first-sync');
  await eventually(
    async () => {
      const state = await api('GET', '/api/shopify/first-sync');
      if (state.job?.status !== 'ready') throw new Error(`first sync is ${state.job?.status}`);
    },
    60_000,
    50,
  );
  await api('POST', '/api/shopify/first-sync/confirm', { jobId, importShopifyOnly: true });

  const links = await database.db.kysely
    .selectFrom('shopify_variant_links')
    .select(['variant_id', 'shopify_variant_id'])
    .orderBy('shopify_variant_id')
    .execute();
  if (links.length !== items) throw new Error(`first sync linked ${links.length} of ${items} items`);
  const scarce = links.map((link, i) => ({
    variantId: link.variant_id,
    shopifyVariantId: link.shopify_variant_id,
    stock: stockOf(i),
  }));
  for (let start = 0; start < scarce.length; start += 1000) {
    await api('POST', '/api/stock/counts', {
      locationId,
      lines: scarce
        .slice(start, start + 1000)
        .map((item) => ({ variantId: item.variantId, counted: item.stock })),
    });
  }
  return {
    database,
    test,
    domain: shop.domain,
    locationId,
    registerId: register!.id,
    owner,
    items: scarce,
    async close() {
      await test.deps.shopifySync?.stop();
      await test.app.close();
      await database.drop();
    },
  };
}

/** True when the POS has nothing left to push: every outbox row planned, every push confirmed. */
export async function nothingToPush(shop: ScarceShop): Promise<boolean> {
  const db = shop.database.db.kysely;
  const unplanned = await db
    .selectFrom('sync_outbox')
    .select('id')
    .where('push_id', 'is', null)
    .limit(1)
    .execute();
  if (unplanned.length > 0) return false;
  const pending = await db
    .selectFrom('shopify_pushes')
    .select('id')
    .where('status', '=', 'pending')
    .limit(1)
    .execute();
  return pending.length === 0;
}

/** Online orders the POS has recorded (one movement per single-line order). */
export async function ordersRecorded(shop: ScarceShop): Promise<number> {
  const row = await shop.database.db.kysely
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reason', '=', 'online_order')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
