import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestSandbox } from '../../src/sandbox/test-support/sandbox-harness.ts';
import { newId } from '../../src/shared/ids.ts';
import { type SyncEngine, startSyncEngine } from '../../src/shopify/sync-engine.ts';
import type { BenchOptions, BenchSuite, Figure } from '../bench-types.ts';
import { nothingToPush, openScarceShop, ordersRecorded, type ScarceShop } from './scarce-shop.ts';

/**
 * `oversells_per_1000_orders` (DESIGN §6): one simulated trading day on scarce stock, played against
 * two POS + sync engine + sandbox shops at once with the same demand:
 * - "real": `tillsync serve` in a process of its own, its engine with the default options (200 ms
 *   tick, webhooks on, polling every minute);
 * - "2-hour": the same app and engine code in this process, the engine ticked only at every second
 *   virtual hour (each tick pushes the POS changes and polls the orders) with every webhook to it
 *   dropped — a classic batch sync. No engine option was needed: the driver calls its `runOnce`.
 * Reconciliation runs in neither during the day (it corrects drift; it does not prevent oversells).
 *
 * Demand: `items` variants holding 1–5 units, shop sales and online orders at random (uniform) times
 * over a 10-hour day, each for one unit of a uniformly chosen item. A shop sale happens when the POS
 * shows the unit free (on hand − committed ≥ 1: staff do not sell a unit the POS shows promised
 * online); an online order when Shopify accepts it (DECREMENT_OBEYING_POLICY, DENY policy).
 *
 * An oversell is an accepted sale, in either channel, of a unit that no longer existed: per shop the
 * simulation keeps the truth (opening stock − every accepted sale in both channels) and counts each
 * accepted sale that takes it below zero — an online order for a unit the till had already sold, or a
 * till sale of a unit already sold online. Per 1,000 accepted orders (shop sales + online orders).
 *
 * Time is virtual, and skipped only when nothing is in flight: before an event on item X the driver
 * waits (in real time) until the real engine has finished propagating X's earlier changes, but never
 * longer than the virtual time that has passed since X's previous event. So the real engine gets at
 * most the real time the day would have given it; events on other items meanwhile arrive far faster
 * than in a real day, which loads the engine and the sandbox's rate limit more than a shop would
 * (conservative for the real engine).
 */
const DAY_MS = 10 * 60 * 60 * 1000;
const SYNC_EVERY_MS = 2 * 60 * 60 * 1000;

interface DemandEvent {
  at: number;
  channel: 'shop' | 'online';
  item: number;
}

interface World {
  name: string;
  shop: ScarceShop;
  /** The 2-hour engine; the real one runs inside its server process. */
  engine: SyncEngine | undefined;
  truth: number[];
  accepted: { shop: number; online: number };
  refused: { shop: number; online: number };
  oversells: { shop: number; online: number };
  /** Accepted online orders per item, to know when the POS has heard of all of them. */
  placed: number[];
  /** Virtual times of changes not yet synced (2-hour world): become its latencies at the next tick. */
  unsyncedSales: number[];
  unsyncedOrders: number[];
  saleLatencies: number[];
  orderLatencies: number[];
}

export const oversellsBench: BenchSuite = {
  name: 'oversells',
  async run(options: BenchOptions): Promise<Figure[]> {
    const items = options.quick ? 150 : 500;
    // DESIGN §6's small shop sells 150 in store and 60 online a day from 2,000 items; here the same
    // 5 : 2 mix, concentrated on fewer items so that scarcity bites (2.5 units of demand per item a
    // day against 3 in stock on average).
    const shopSales = Math.round(items * 1.8);
    const onlineOrders = Math.round(items * 0.72);
    const random = seededRandom(20260611);
    const stock = Array.from({ length: items }, () => 1 + Math.floor(random() * 5));
    const events = tradingDay(random, items, shopSales, onlineOrders);

    const sandbox = await startTestSandbox({ webhookRetryBaseMs: 50 });
    const worlds: World[] = [];
    try {
      const setupStarted = performance.now();
      for (const name of ['2-hour', 'real'] as const) {
        const shop = await openScarceShop(
          sandbox,
          items,
          (i) => stock[i]!,
          name === 'real' ? 'child process' : 'in process',
        );
        // The real engine runs inside `tillsync serve`; the 2-hour one here, ticked by the driver,
        // where every tick polls.
        const engine =
          name === 'real'
            ? undefined
            : startSyncEngine(shop.db, shop.deps!, {
                pollIntervalMs: 0,
                reconcileIntervalMs: Number.MAX_SAFE_INTEGER,
              });
        worlds.push({
          name,
          shop,
          engine,
          truth: [...stock],
          accepted: { shop: 0, online: 0 },
          refused: { shop: 0, online: 0 },
          oversells: { shop: 0, online: 0 },
          placed: Array.from({ length: items }, () => 0),
          unsyncedSales: [],
          unsyncedOrders: [],
          saleLatencies: [],
          orderLatencies: [],
        });
      }
      const [batch, real] = worlds as [World, World];
      // Both start the day equal to Shopify: the opening counts pushed.
      await drain(real);
      await drain(batch);
      await batch.engine!.stop();
      await control(sandbox.url, `/sandbox/shops/${batch.shop.domain}/faults`, { webhookDropRate: 1 }, 'PUT');
      options.log(
        `${items} items (${stock.reduce((a, b) => a + b, 0)} units), ${events.length} demand events; set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
      );

      const dayStarted = performance.now();
      const lastAt = new Map<number, { virtual: number; real: number }>();
      let overlapped = 0;
      let nextSync = SYNC_EVERY_MS;
      for (const event of events) {
        while (nextSync <= event.at) {
          await syncBatch(batch, nextSync);
          nextSync += SYNC_EVERY_MS;
        }
        const previous = lastAt.get(event.item);
        if (
          previous &&
          !(await waitQuiet(
            real,
            event.item,
            event.at - previous.virtual - (performance.now() - previous.real),
          ))
        ) {
          overlapped++;
        }
        await act(batch, event, sandbox.url);
        await act(real, event, sandbox.url);
        lastAt.set(event.item, { virtual: event.at, real: performance.now() });
      }
      for (; nextSync <= DAY_MS; nextSync += SYNC_EVERY_MS) await syncBatch(batch, nextSync);
      const dayMs = performance.now() - dayStarted;
      options.log(
        `day played in ${(dayMs / 1000).toFixed(1)} s; ${overlapped} events on the real engine arrived while an earlier change to their item was still propagating`,
      );
      for (const world of worlds) {
        options.log(
          `${world.name}: accepted ${world.accepted.shop} shop sales + ${world.accepted.online} online orders, refused ${world.refused.shop} + ${world.refused.online} (out of stock), oversold ${world.oversells.shop} in store + ${world.oversells.online} online`,
        );
      }

      const per1000 = (w: World) =>
        round(
          ((w.oversells.shop + w.oversells.online) * 1000) / Math.max(1, w.accepted.shop + w.accepted.online),
          2,
        );
      const describe = (w: World) =>
        `${w.oversells.shop + w.oversells.online} oversold (${w.oversells.shop} till sales of units sold online, ${w.oversells.online} online orders for units the till had sold) in ${w.accepted.shop + w.accepted.online} orders (${w.accepted.shop} shop, ${w.accepted.online} online)`;
      const saleLatency = percentiles(batch.saleLatencies);
      const orderLatency = percentiles(batch.orderLatencies);
      options.baseline(
        'sale_to_shopify_p50_ms',
        saleLatency.p50,
        '2-hour engine in the oversell day (virtual time)',
      );
      options.baseline(
        'sale_to_shopify_p99_ms',
        saleLatency.p99,
        '2-hour engine in the oversell day (virtual time)',
      );
      for (const name of ['order_to_pos_p50_ms', 'order_to_pos_polling_p50_ms']) {
        options.baseline(name, orderLatency.p50, '2-hour engine in the oversell day (virtual time)');
      }
      for (const name of ['order_to_pos_p99_ms', 'order_to_pos_polling_p99_ms']) {
        options.baseline(name, orderLatency.p99, '2-hour engine in the oversell day (virtual time)');
      }
      return [
        {
          name: 'oversells_per_1000_orders',
          value: per1000(real),
          unit: 'per 1,000 orders',
          baseline: per1000(batch),
          note: `real engine = tillsync serve with default options, baseline = the same engine ticked every 2 virtual hours without webhooks; one 10-hour day, ${items} items with 1–5 units, demand ${shopSales} shop + ${onlineOrders} online (uniform items and times); real engine: ${describe(real)}; 2-hour engine: ${describe(batch)}; an oversell = an accepted sale taking the true stock (opening − all accepted sales) below zero; played in ${(dayMs / 1000).toFixed(0)} s: before each event the real engine got at most the virtual time since its item's last event to finish propagating (${overlapped} events found a change to their item still in flight), and events on other items came far faster than in a shop (more load on the real engine, so conservative)`,
        },
      ];
    } finally {
      for (const world of worlds) {
        await world.engine?.stop();
        await world.shop.close();
        const peak = world.shop.childPeakRssMb();
        if (peak !== undefined)
          options.serverPeakRss(`tillsync serve in the oversell day (${world.name} engine)`, peak);
      }
      await sandbox.close();
    }
  },
};

async function act(world: World, event: DemandEvent, sandboxUrl: string): Promise<void> {
  const item = world.shop.items[event.item]!;
  if (event.channel === 'shop') {
    const level = await world.shop.db.kysely
      .selectFrom('stock_levels')
      .select(['on_hand', 'committed'])
      .where('variant_id', '=', item.variantId)
      .where('location_id', '=', world.shop.locationId)
      .executeTakeFirst();
    if ((level?.on_hand ?? 0) - (level?.committed ?? 0) < 1) {
      world.refused.shop++;
      return;
    }
    await world.shop.api('POST', '/api/sales', {
      id: newId('sale'),
      registerId: world.shop.registerId,
      lines: [{ id: newId('line'), variantId: item.variantId, quantity: 1 }],
      payments: [{ method: 'cash', amountMinor: 100_000 }],
    });
    world.accepted.shop++;
    world.unsyncedSales.push(event.at);
    if (--world.truth[event.item]! < 0) world.oversells.shop++;
    return;
  }
  const created = (await control(sandboxUrl, `/sandbox/shops/${world.shop.domain}/orders`, {
    lines: [{ variantId: item.shopifyVariantId, quantity: 1 }],
    inventoryBehaviour: 'DECREMENT_OBEYING_POLICY',
  })) as { order: { id: string } | null; userErrors: Array<{ code?: string; message: string }> };
  if (!created.order) {
    if (!created.userErrors.some((e) => e.code === 'INVENTORY_CLAIM_FAILED')) {
      throw new Error(`order refused: ${JSON.stringify(created.userErrors)}`);
    }
    world.refused.online++;
    return;
  }
  world.accepted.online++;
  world.placed[event.item]!++;
  world.unsyncedOrders.push(event.at);
  if (--world.truth[event.item]! < 0) world.oversells.online++;
}

/**
 * Waits until the engine has nothing in flight for the item (its sales pushed and confirmed, its
 * online orders in the POS ledger), for at most `budgetMs`; false when the budget ran out first.
 */
async function waitQuiet(world: World, index: number, budgetMs: number): Promise<boolean> {
  const db = world.shop.db.kysely;
  const variantId = world.shop.items[index]!.variantId;
  const deadline = performance.now() + budgetMs;
  for (;;) {
    const unplanned = await db
      .selectFrom('sync_outbox')
      .select('id')
      .where('variant_id', '=', variantId)
      .where('push_id', 'is', null)
      .limit(1)
      .execute();
    const pending = await db
      .selectFrom('shopify_pushes')
      .select('id')
      .where('variant_id', '=', variantId)
      .where('status', '=', 'pending')
      .limit(1)
      .execute();
    const recorded = await db
      .selectFrom('stock_movements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('variant_id', '=', variantId)
      .where('reason', '=', 'online_order')
      .executeTakeFirstOrThrow();
    if (unplanned.length === 0 && pending.length === 0 && Number(recorded.n) >= world.placed[index]!)
      return true;
    if (performance.now() >= deadline) return false;
    await sleep(2);
  }
}

/** The 2-hour engine's tick at virtual time `at`: push everything, poll every order, until done. */
async function syncBatch(world: World, at: number): Promise<void> {
  await drain(world);
  world.saleLatencies.push(...world.unsyncedSales.map((t) => at - t));
  world.orderLatencies.push(...world.unsyncedOrders.map((t) => at - t));
  world.unsyncedSales = [];
  world.unsyncedOrders = [];
}

async function drain(world: World): Promise<void> {
  const orders = () => world.placed.reduce((a, b) => a + b, 0);
  for (let i = 0; ; i++) {
    if (world.engine) await world.engine.runOnce();
    else await sleep(20);
    if ((await nothingToPush(world.shop)) && (await ordersRecorded(world.shop)) >= orders()) return;
    if (i > 3000) throw new Error(`${world.name}: the engine did not drain`);
  }
}

function tradingDay(
  random: () => number,
  items: number,
  shopSales: number,
  onlineOrders: number,
): DemandEvent[] {
  const events: DemandEvent[] = [];
  const add = (channel: DemandEvent['channel'], count: number) => {
    for (let i = 0; i < count; i++) {
      events.push({ at: Math.floor(random() * DAY_MS), channel, item: Math.floor(random() * items) });
    }
  };
  add('shop', shopSales);
  add('online', onlineOrders);
  return events.sort((a, b) => a.at - b.at);
}

/** mulberry32: a small seeded PRNG, so every run plays the same day. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function control(base: string, path: string, body: unknown, method = 'POST'): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
