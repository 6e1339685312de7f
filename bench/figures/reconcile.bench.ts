import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/db/database.ts';
import { seedCatalog } from '../../src/sandbox/control/seed-catalog.ts';
import { createShop, findShopByDomain } from '../../src/sandbox/control/shops.service.ts';
import { startSandbox } from '../../src/sandbox/start-sandbox.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { secretBoxFromKey } from '../../src/shared/secret-box.ts';
import { reconcile } from '../../src/shopify/reconcile.service.ts';
import { readAllShopifyAvailable } from '../../src/shopify/reconcile-bulk-read.ts';
import type { BulkWaitOptions } from '../../src/shopify/shopify-bulk-query.ts';
import { createSyncClientProvider } from '../../src/shopify/sync-client.ts';
import { createSqliteTestDatabase } from '../../tests/support/test-databases.ts';
import type { BenchOptions, BenchSuite, Figure } from '../bench-types.ts';

/**
 * Reconciliation of a large shop (DESIGN §6): a sandbox shop on the Standard plan's limits (bucket
 * 2000, 100 points/s) with N variants at one location, a POS (SQLite, the embedded default) with the
 * same N items linked and a sync point each, and 10% of them edited on the Shopify side.
 * - `reconcile_100k_s`: the whole reconciliation (poll orders, flush pushes, bulk export of every
 *   level, compare, compare-and-swap corrections 250 rows a call, drift report);
 * - `reconcile_100k_points`: API cost points it spent (Shopify's `actualQueryCost`, summed);
 * - `reconcile_100k_bound_ratio`: that time over the floor of the same work, measured in the same
 *   run on the same shop: run the bulk query, wait for it, download and parse its JSONL, nothing
 *   else. The floor is sampled before and after (the after sample is also the check that every
 *   point ended equal) and their mean is used.
 * Set-up (seeding the shop, loading the POS tables) is written straight into both stores and is not
 * measured.
 */
const FULL_SIZE = 100_000;
const QUICK_SIZE = 100_000;
const DRIFT_EVERY = 10;
const STOCK = 10;
/** The floor polls as reconciliation does by default, so the two differ only in the work done. */
const BULK_WAIT: BulkWaitOptions = {};

export const reconcileBench: BenchSuite = {
  name: 'reconcile',
  // No HTTP server runs here: reconciliation is called directly, in one process with a sandbox
  // holding 100k variants, so this process's peak is mostly the sandbox's (listed, not counted).
  inProcessServer: false,
  async run(options: BenchOptions): Promise<Figure[]> {
    const size = options.quick ? QUICK_SIZE : FULL_SIZE;
    const sandbox = await startSandbox({ port: 0, dataFile: ':memory:', seed: 11 });
    const database = await createSqliteTestDatabase();
    try {
      const setupStarted = performance.now();
      const shop = await prepareShop(sandbox.runtime, size);
      const secretBox = secretBoxFromKey(randomBytes(32));
      await loadPos(database.db, shop, secretBox);
      options.log(`set-up: ${size} variants, ${shop.drifted} drifted, ${secs(setupStarted)} s`);

      const sync = await createSyncClientProvider(database.db.kysely, { clock: systemClock, secretBox })();
      if (!sync) throw new Error('connection not loaded');

      const floorSpent = sync.shopify.costSpent();
      const floorBefore = await floor(sync.shopify, shop, false);
      const floorPoints = sync.shopify.costSpent().actual - floorSpent.actual;
      const spentBefore = sync.shopify.costSpent();
      const started = performance.now();
      const outcome = await reconcile(
        database.db.kysely,
        { clock: systemClock, newId, dialect: database.db.dialect },
        sync,
        'manual',
      );
      const seconds = (performance.now() - started) / 1000;
      const spentAfter = sync.shopify.costSpent();
      const points = spentAfter.actual - spentBefore.actual;
      const calls = spentAfter.calls - spentBefore.calls;
      const floorAfter = await floor(sync.shopify, shop, true);
      options.log(
        `reconcile: ${seconds.toFixed(1)} s, read ${outcome.read}, checked ${outcome.pointsChecked}, drifted ${outcome.drifted}, corrected ${outcome.corrected}, stale ${outcome.stale}; floor ${floorBefore.toFixed(1)} s / ${floorAfter.toFixed(1)} s`,
      );
      if (outcome.read !== 'bulk' || outcome.drifted !== shop.drifted || outcome.corrected !== shop.drifted)
        throw new Error(`reconciliation did not do the work: ${JSON.stringify(outcome)}`);
      const floorSeconds = (floorBefore + floorAfter) / 2;
      const sizeNote = size === FULL_SIZE ? '' : ` (${size} variants in --quick, not 100k)`;
      return [
        {
          name: 'reconcile_100k_s',
          value: round(seconds),
          unit: 's',
          baseline: round(floorSeconds),
          note: `${size} variants, 10% drifted, Standard plan; bulk read + CAS sets 250 a call; target < 60 s${sizeNote}`,
        },
        {
          name: 'reconcile_100k_points',
          value: points,
          unit: 'points',
          baseline: floorPoints,
          note: `actualQueryCost summed over ${calls} calls; baseline: the floor's bulk read alone`,
        },
        {
          name: 'reconcile_100k_bound_ratio',
          value: round(seconds / floorSeconds),
          unit: 'ratio',
          note: `reconcile time / floor (bulk query, wait, download, parse: ${floorBefore.toFixed(1)} s before, ${floorAfter.toFixed(1)} s after); target ≤ 3; every point verified equal after`,
        },
      ];
    } finally {
      await sandbox.close();
      await database.drop();
    }
  },
};

interface PreparedShop {
  domain: string;
  apiOrigin: string;
  accessToken: string;
  locationGid: string;
  /** Per POS item: the Shopify ids it links to. */
  items: Array<{ variantGid: string; itemGid: string; productGid: string }>;
  drifted: number;
}

/** One shop at Standard limits, seeded straight into the sandbox store; every 10th level edited. */
async function prepareShop(
  runtime: Awaited<ReturnType<typeof startSandbox>>['runtime'],
  size: number,
): Promise<PreparedShop> {
  const created = createShop(runtime.db, runtime.clock, { plan: 'standard', locations: ['Shop location'] });
  const shopRow = findShopByDomain(runtime.db, created.domain);
  if (!shopRow) throw new Error('shop not created');
  seedCatalog(runtime, shopRow, { variants: size, variantsPerProduct: 4, quantity: STOCK });
  const rows = runtime.db
    .prepare('SELECT id, product_id, inventory_item_id FROM variants WHERE shop_id = ? ORDER BY id')
    .all(shopRow.id) as Array<{ id: number; product_id: number; inventory_item_id: number }>;
  const edit = runtime.db.prepare(
    `UPDATE quantities SET quantity = ? WHERE name = 'available'
       AND level_id = (SELECT id FROM levels WHERE item_id = ? AND shop_id = ?)`,
  );
  let drifted = 0;
  runtime.db.transaction(() => {
    rows.forEach((row, i) => {
      if (i % DRIFT_EVERY !== 0) return;
      // Shopify-side edits, up and down (a zero as well), none equal to the POS figure.
      edit.run(i % 3 === 0 ? 0 : STOCK + 1 + (i % 7), row.inventory_item_id, shopRow.id);
      drifted++;
    });
  })();
  return {
    domain: created.domain,
    apiOrigin: runtime.baseUrl,
    accessToken: created.accessToken,
    locationGid: created.locationIds[0] as string,
    items: rows.map((r) => ({
      variantGid: `gid://shopify/ProductVariant/${r.id}`,
      itemGid: `gid://shopify/InventoryItem/${r.inventory_item_id}`,
      productGid: `gid://shopify/Product/${r.product_id}`,
    })),
    drifted,
  };
}

/** The POS side, loaded straight into its tables: items, stock, links, one sync point each. */
async function loadPos(db: Db, shop: PreparedShop, secretBox: ReturnType<typeof secretBoxFromKey>) {
  const now = new Date().toISOString();
  const chunk = 1000;
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('locations')
      .values({ id: 'loc_bench', name: 'Bench shop', active: 1, created_at: now })
      .execute();
    await trx
      .insertInto('shopify_connection')
      .values({
        id: 1,
        shop_domain: shop.domain,
        auth_kind: 'access_token',
        access_token_sealed: secretBox.seal(shop.accessToken),
        client_id: null,
        client_secret_sealed: null,
        api_secret_sealed: secretBox.seal('bench-secret'),
        token_expires_at: null,
        granted_scopes: '',
        api_origin: shop.apiOrigin,
        webhook_base_url: null,
        integration_started_at: now,
        default_buffer: 0,
        edit_policy: 'override',
        connected_at: now,
      })
      .execute();
    await trx
      .insertInto('shopify_location_map')
      .values({ location_id: 'loc_bench', shopify_location_id: shop.locationGid })
      .execute();
    for (let start = 0; start < shop.items.length; start += chunk) {
      const slice = shop.items.slice(start, start + chunk).map((item, j) => ({ item, n: start + j }));
      const productId = (n: number) => `prd_bench_${String(n).padStart(7, '0')}`;
      const variantId = (n: number) => `var_bench_${String(n).padStart(7, '0')}`;
      await trx
        .insertInto('products')
        .values(
          slice.map(({ n }) => ({
            id: productId(n),
            name: `Bench item ${n}`,
            option_names: '[]',
            tax_rate_bp: 2000,
            active: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('product_variants')
        .values(
          slice.map(({ n }) => ({
            id: variantId(n),
            product_id: productId(n),
            title: 'Default',
            option_values: '[]',
            active: 1,
            sku: `BENCH-${n}`,
            price_minor: 500,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('stock_levels')
        .values(
          slice.map(({ n }) => ({
            variant_id: variantId(n),
            location_id: 'loc_bench',
            on_hand: STOCK,
            committed: 0,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('shopify_variant_links')
        .values(
          slice.map(({ item, n }) => ({
            variant_id: variantId(n),
            shopify_variant_id: item.variantGid,
            shopify_inventory_item_id: item.itemGid,
            shopify_product_id: item.productGid,
            linked_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('shopify_sync_points')
        .values(
          slice.map(({ n }) => ({
            variant_id: variantId(n),
            location_id: 'loc_bench',
            expected_available: STOCK,
            in_flight_push_id: null,
            last_pushed_at: null,
            updated_at: now,
          })),
        )
        .execute();
    }
  });
}

/**
 * The bare floor: one bulk export of every level, waited for, downloaded and parsed. With `verify`,
 * also checks that every point shows the POS figure (the reconciliation's result).
 */
async function floor(
  shopify: Parameters<typeof readAllShopifyAvailable>[0],
  shop: PreparedShop,
  verify: boolean,
): Promise<number> {
  const started = performance.now();
  const read = await readAllShopifyAvailable(shopify, BULK_WAIT);
  const seconds = (performance.now() - started) / 1000;
  if (!read.ok) throw new Error(`floor read failed: ${read.message}`);
  if (verify) {
    const unequal = shop.items.filter((i) => read.levels.get(`${i.itemGid}|${shop.locationGid}`) !== STOCK);
    if (unequal.length > 0) throw new Error(`${unequal.length} points still differ after reconciliation`);
  }
  return seconds;
}

const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const round = (value: number) => Math.round(value * 100) / 100;
