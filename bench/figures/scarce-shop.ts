import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openSqlite } from '../../src/db/database.ts';
import { ensureDefaultLocation } from '../../src/inventory/location.service.ts';
import { ensureDefaultRegister } from '../../src/registers/registers.repository.ts';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import { createTestShop } from '../../src/sandbox/test-support/sandbox-harness.ts';
import type { AppDeps } from '../../src/server/app-deps.ts';
import { TillProcess } from '../../tests/crash/till-process.ts';
import { eventually } from '../../tests/support/synced-shop.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import { createSqliteTestDatabase } from '../../tests/support/test-databases.ts';

/**
 * One shop of the oversell simulation: a POS on SQLite connected to its own sandbox shop on the
 * Standard plan — either `tillsync serve` in a process of its own, exactly as a shop runs it (sync
 * engine with its default options), or the same app inside this process with no engine, for a caller
 * that drives an engine itself — with a catalogue of
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

// biome-ignore lint/suspicious/noExplicitAny: the bench walks the API's JSON answers as the server's own schemas shape them.
type Api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => Promise<any>;

export interface ScarceShop {
  /** The POS database (for a child process, a second connection to its SQLite file). */
  db: Db;
  api: Api;
  domain: string;
  locationId: string;
  registerId: string;
  items: ScarceItem[];
  /** In-process only: the app's dependencies, to start an engine on. */
  deps: AppDeps | undefined;
  /** The server process's peak RSS (VmHWM) in MB so far, when it is a child process. */
  childPeakRssMb(): number | undefined;
  close(): Promise<void>;
}

interface Pos {
  db: Db;
  api: Api;
  appUrl: string;
  deps: AppDeps | undefined;
  peak(): number | undefined;
  close(): Promise<void>;
}

async function inProcessPos(): Promise<Pos> {
  const database = await createSqliteTestDatabase();
  const test = await createTestApp(database.db);
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const address = test.app.server.address();
  // As `tillsync serve` does on start.
  await ensureDefaultLocation(database.db.kysely, test.deps);
  await ensureDefaultRegister(database.db.kysely, test.deps);
  const owner = await test.as('owner');
  return {
    db: database.db,
    appUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    deps: test.deps,
    async api(method, url, payload) {
      const response = await test.app.inject({
        method,
        url,
        headers: owner,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    peak: () => undefined,
    async close() {
      await test.deps.shopifySync?.stop();
      await test.app.close();
      await database.drop();
    },
  };
}

async function childPos(): Promise<Pos> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tillsync-bench-serve-'));
  const credentials = { email: 'owner@bench.local', password: 'bench owner password long enough' };
  const till = new TillProcess({
    dataDir,
    secretKeyHex: randomBytes(32).toString('hex'),
    ownerEmail: credentials.email,
    ownerPassword: credentials.password,
  });
  await till.start();
  const login = await till.send('POST', '/api/auth/login', { body: credentials });
  const cookie = login.setCookie.map((c) => c.split(';')[0]).join('; ');
  const created = await till.send('POST', '/api/staff/tokens', {
    body: { name: 'bench' },
    headers: { cookie },
  });
  if (created.status !== 201) throw new Error(`token: ${created.status} ${created.body}`);
  const headers = { authorization: `Bearer ${(JSON.parse(created.body) as { token: string }).token}` };
  const db = openSqlite(join(dataDir, 'tillsync.sqlite'));
  let lastPeak: number | undefined;
  const peak = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${till.pid}/status`, 'utf8'));
      if (match) lastPeak = Math.round(Number(match[1]) / 1024);
    } catch {
      // exited, or not Linux: the last reading stands
    }
    return lastPeak;
  };
  return {
    db,
    appUrl: `http://127.0.0.1:${till.port}`,
    deps: undefined,
    async api(method, url, payload) {
      const answer = await till.send(method, url, {
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${answer.body}`);
      return JSON.parse(answer.body);
    },
    peak,
    async close() {
      peak();
      await till.stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function openScarceShop(
  sandbox: RunningSandbox,
  items: number,
  stockOf: (index: number) => number,
  where: 'child process' | 'in process',
): Promise<ScarceShop> {
  const pos = where === 'child process' ? await childPos() : await inProcessPos();
  try {
    return await connectScarceShop(pos, sandbox, items, stockOf);
  } catch (error) {
    await pos.close();
    throw error;
  }
}

async function connectScarceShop(
  pos: Pos,
  sandbox: RunningSandbox,
  items: number,
  stockOf: (index: number) => number,
): Promise<ScarceShop> {
  const { api } = pos;
  const shop = await createTestShop(sandbox);
  const seeded = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variants: items, quantity: 0 }),
  });
  if (seeded.status !== 201) throw new Error(`seeding failed: ${await seeded.text()}`);

  const locationId = ((await api('GET', '/api/locations')) as Array<{ id: string }>)[0]!.id;
  const registerId = ((await api('GET', '/api/registers')) as Array<{ id: string }>)[0]!.id;
  await api('POST', '/api/shopify/connect', {
    shopDomain: shop.domain,
    accessToken: shop.accessToken,
    apiSecret: shop.apiSecret,
    apiOrigin: sandbox.url,
    webhookBaseUrl: pos.appUrl,
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

  const links = await pos.db.kysely
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
    db: pos.db,
    api,
    domain: shop.domain,
    locationId,
    registerId,
    items: scarce,
    deps: pos.deps,
    childPeakRssMb: pos.peak,
    close: pos.close,
  };
}

/** True when the POS has nothing left to push: every outbox row planned, every push confirmed. */
export async function nothingToPush(shop: ScarceShop): Promise<boolean> {
  const db = shop.db.kysely;
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
  const row = await shop.db.kysely
    .selectFrom('stock_movements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reason', '=', 'online_order')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
