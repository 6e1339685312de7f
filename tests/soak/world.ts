import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateInStoreGtin13 } from '../../src/core/gtin.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import type { CreatedShop } from '../../src/sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.ts';
import {
  clientFor,
  createTestShop,
  startTestSandbox,
} from '../../src/sandbox/test-support/sandbox-harness.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { PRODUCT_SET } from '../../src/shopify/operations/product-set.ts';
import { createApiToken } from '../../src/staff/session.service.ts';
import { createPostgresTestDatabase } from '../support/test-databases.ts';
import { type ItemModel, Oracle } from './oracle.ts';
import { prng } from './prng.ts';
import { ServerPool } from './processes.ts';

/**
 * One batch: a fresh POS database, its server processes (one on SQLite, two on PostgreSQL), a fresh
 * sandbox shop, and for every seed of the batch its own items (so each seed's oracle covers only
 * what it touched) and its orders from before the integration started; then connect and first sync.
 */
export type DbKind = 'sqlite' | 'postgres';
export const ITEMS_PER_SEED = 5;
/** The first ONLINE_ITEMS items of a seed take online orders; the rest are counted instead. */
export const ONLINE_ITEMS = 3;
const PRICE_MINOR = 500;

export interface PreOrder {
  seed: number;
  lines: Array<{ itemIndex: number; quantity: number }>;
}

export interface World {
  kind: DbKind;
  pool: ServerPool;
  sandbox: RunningSandbox;
  shop: CreatedShop;
  db: Db;
  token: string;
  shopLocationId: string;
  storeRoomId: string;
  shopifyLocationId: string;
  registerId: string;
  /** Per seed: the oracle with its items at their opening stock, and its pre-integration orders. */
  seeds: Map<number, Oracle>;
  api(method: string, path: string, body?: unknown, process?: number): Promise<Response>;
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  close(): Promise<void>;
}

export async function createWorld(kind: DbKind, seeds: number[]): Promise<World> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tillsync-soak-'));
  const pg = kind === 'postgres' ? await createPostgresTestDatabase() : undefined;
  const secretKey = Buffer.alloc(32, 7).toString('hex');
  const pool = new ServerPool(kind === 'postgres' ? 2 : 1, {
    DATA_DIR: dataDir,
    DATABASE_URL: pg?.connection.databaseUrl ?? '',
    TILLSYNC_DEMO: '0',
    TILLSYNC_SECRET_KEY: secretKey,
    TILLSYNC_OWNER_EMAIL: 'owner@soak.test',
    TILLSYNC_OWNER_PASSWORD: 'soak-owner-password',
    LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'fatal',
  });
  const sandbox = await startTestSandbox({ webhookRetryBaseMs: 40, seed: seeds[0] ?? 1 });
  await pool.start();
  const db = pg?.db ?? openDatabase({ databaseUrl: undefined, dataDir });
  const owner = await db.kysely
    .selectFrom('staff_members')
    .select('id')
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(db.kysely, { clock: systemClock, newId }, owner.id, 'soak');
  const shop = await createTestShop(sandbox, 'plus');
  const shopifyLocationId = shop.locationIds[0] as string;
  const admin = clientFor(sandbox, shop);

  const world: World = {
    kind,
    pool,
    sandbox,
    shop,
    db,
    token,
    shopLocationId: '',
    storeRoomId: '',
    shopifyLocationId,
    registerId: '',
    seeds: new Map(),
    async api(method, path, body, process) {
      const target = process ?? pool.alive()[0] ?? 0;
      return fetch(`${pool.url(target)}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
    async control(path, body, method = 'POST') {
      const response = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async close() {
      await pool.stop();
      await sandbox.close();
      if (pg) await pg.drop();
      else await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const json = async (method: string, path: string, body?: unknown) => {
    const response = await world.api(method, path, body);
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };

  const locations = (await json('GET', '/api/locations')) as Array<{ id: string; name: string }>;
  world.shopLocationId = (locations[0] as { id: string }).id;
  world.storeRoomId = ((await json('POST', '/api/locations', { name: 'Store room' })) as { id: string }).id;
  const registers = (await json('GET', '/api/registers')) as
    | Array<{ id: string }>
    | { registers: Array<{ id: string }> };
  world.registerId = (Array.isArray(registers) ? registers : registers.registers)[0]?.id as string;

  const preOrders: Array<{ oracle: Oracle; lines: Array<{ item: ItemModel; quantity: number }> }> = [];
  await inParallel(seeds, 4, async (seed) => {
    const random = prng(seed ^ 0x5eed);
    const items: ItemModel[] = [];
    for (let i = 0; i < ITEMS_PER_SEED; i++) {
      const barcode = generateInStoreGtin13('21', seed * 10 + i + 1);
      const sku = `SOAK-${seed}-${i}`;
      const opening = random.int(0, 12);
      const product = await json('POST', '/api/catalog/products', {
        name: `Soak ${seed} item ${i}`,
        taxRateBp: 2000,
        variants: [{ sku, barcode, priceMinor: PRICE_MINOR }],
      });
      const variantId = product.variants[0].id as string;
      if (opening > 0)
        await json('POST', '/api/stock/receipts', {
          locationId: world.shopLocationId,
          lines: [{ variantId, quantity: opening }],
        });
      const created = await admin.request(PRODUCT_SET, {
        variables: {
          input: {
            title: `Soak ${seed} item ${i}`,
            variants: [
              {
                optionValues: [{ optionName: 'Title', name: 'Default Title' }],
                sku,
                barcode,
                price: '5.00',
                inventoryItem: { tracked: true },
                inventoryQuantities: [
                  { locationId: shopifyLocationId, name: 'available', quantity: random.int(0, 20) },
                ],
              },
            ],
          },
        },
      });
      const node = (
        created.data as {
          productSet: {
            product: { variants: { nodes: Array<{ id: string; inventoryItem: { id: string } }> } };
          };
        }
      ).productSet.product.variants.nodes[0];
      if (!node) throw new Error(`productSet failed: ${JSON.stringify(created.errors)}`);
      items.push({
        variantId,
        inventoryItemId: node.inventoryItem.id,
        shopifyVariantId: node.id,
        online: i < ONLINE_ITEMS,
        shop: { onHand: opening, committed: 0 },
        storeRoom: { onHand: 0 },
      });
    }
    const oracle = new Oracle(items);
    world.seeds.set(seed, oracle);
    for (let n = random.int(0, 2); n > 0; n--) {
      const item = random.pick(items.slice(0, ONLINE_ITEMS));
      preOrders.push({ oracle, lines: [{ item, quantity: random.int(1, 3) }] });
    }
  });
  for (const pre of preOrders) await placeOrder(world, pre.oracle, pre.lines, true);
  // Shopify records order times in whole seconds: start the integration in a later second.
  await new Promise((done) => setTimeout(done, 1100));

  await json('POST', '/api/shopify/connect', {
    shopDomain: shop.domain,
    accessToken: shop.accessToken,
    apiSecret: shop.apiSecret,
    apiOrigin: sandbox.url,
    webhookBaseUrl: pool.webhookUrl,
  });
  await json('PUT', '/api/shopify/location-map', {
    mappings: [{ locationId: world.shopLocationId, shopifyLocationId }],
  });
  // Reading runs in the background of the process asked; ask the same one until it is ready.
  const first = pool.alive()[0] ?? 0;
  const { jobId } = (await (await world.api('POST', '/api/shopify/first-sync', undefined, first)).json()) as {
    jobId: string;
  };
  for (let tries = 0; ; tries++) {
    const state = (await (await world.api('GET', '/api/shopify/first-sync', undefined, first)).json()) as {
      job: { status: string } | null;
    };
    if (state.job?.status === 'ready') break;
    if (tries > 600) throw new Error(`first sync stuck: ${JSON.stringify(state.job)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  const confirm = await world.api('POST', '/api/shopify/first-sync/confirm', { jobId }, first);
  if (!confirm.ok) throw new Error(`first sync confirm: ${confirm.status} ${await confirm.text()}`);
  return world;
}

/** An online order through the sandbox's admin (checkout), with its ids recorded in the oracle. */
export async function placeOrder(
  world: World,
  oracle: Oracle,
  lines: Array<{ item: ItemModel; quantity: number }>,
  preIntegration: boolean,
): Promise<void> {
  const result = (await world.control('/orders', {
    lines: lines.map((l) => ({ variantId: l.item.shopifyVariantId, quantity: l.quantity })),
    inventoryBehaviour: 'DECREMENT_IGNORING_POLICY',
  })) as {
    order: {
      id: string;
      lineItems: { nodes: Array<{ id: string; quantity: number; variant: { id: string } }> };
      fulfillmentOrders: {
        nodes: Array<{
          assignedLocation: { location: { id: string } };
          lineItems: { nodes: Array<{ id: string; remainingQuantity: number }> };
        }>;
      };
    } | null;
    userErrors: unknown[];
  };
  if (!result.order) throw new Error(`order refused: ${JSON.stringify(result.userErrors)}`);
  const fo = result.order.fulfillmentOrders.nodes;
  if (fo.length !== 1 || fo[0]?.assignedLocation.location.id !== world.shopifyLocationId)
    throw new Error(
      `order ${result.order.id} not assigned to the one mapped location: ${JSON.stringify(fo)}`,
    );
  const foLines = fo[0].lineItems.nodes;
  oracle.orderCreated({
    id: result.order.id.split('/').pop() as string,
    preIntegration,
    cancelled: false,
    expectedMovements: 0,
    lines: result.order.lineItems.nodes.map((node, index) => ({
      lineItemId: node.id,
      fulfillmentOrderLineItemId: (foLines[index] as { id: string }).id,
      item: lines.find((l) => l.item.shopifyVariantId === node.variant.id)?.item as ItemModel,
      quantity: node.quantity,
      fulfilled: 0,
      released: 0,
      returned: 0,
      refunded: 0,
    })),
  });
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}
