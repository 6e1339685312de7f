import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSyncEngine } from '../../src/shopify/sync-engine.ts';
import { type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import { createSqliteTestDatabase } from '../../tests/support/test-databases.ts';
import type { BenchOptions, BenchSuite, Figure } from '../bench-types.ts';

/**
 * Propagation through the real server, sync engine and sandbox (SQLite, the embedded default):
 * - `sale_to_shopify_*`: POS sales at 20/s; from the sale's commit to Shopify confirming the push
 *   that carried it (the sandbox applies before it answers, so this slightly over-states);
 * - `order_to_pos_*`: orders placed in the sandbox; from placing to the `online_order` movement in
 *   the POS ledger, by webhook;
 * - `order_to_pos_polling_p99_ms`: the same with every webhook dropped, the poller every 2 s.
 * Baselines: the same engine syncing every 2 hours, measured in the same run by the oversell day
 * (oversells.bench.ts) and attached by run-bench.ts.
 */
const SALES_PER_SECOND = 20;
const POLL_INTERVAL_MS = 2000;

export const syncLatencyBench: BenchSuite = {
  name: 'sync-latency',
  async run(options: BenchOptions): Promise<Figure[]> {
    const database = await createSqliteTestDatabase();
    const shop = await startSyncedShop(database.db);
    try {
      const figures: Figure[] = [];
      const sales = await saleToShopify(shop, options.quick ? 3 : 15);
      figures.push(
        {
          name: 'sale_to_shopify_p50_ms',
          value: sales.p50,
          unit: 'ms',
          note: `${sales.count} sales at ${SALES_PER_SECOND}/s`,
        },
        { name: 'sale_to_shopify_p99_ms', value: sales.p99, unit: 'ms' },
      );
      const orders = await orderToPos(shop, options.quick ? 15 : 60, 150);
      figures.push(
        {
          name: 'order_to_pos_p50_ms',
          value: orders.p50,
          unit: 'ms',
          note: `${orders.count} online orders, webhook path`,
        },
        { name: 'order_to_pos_p99_ms', value: orders.p99, unit: 'ms' },
      );
      await shop.engine.stop();
      shop.engine = startSyncEngine(database.db, shop.test.deps, {
        tickMs: 20,
        pollIntervalMs: POLL_INTERVAL_MS,
        reconcileIntervalMs: 3_600_000,
      });
      await shop.control(`/sandbox/shops/${shop.shop.domain}/faults`, { webhookDropRate: 1 }, 'PUT');
      const polled = await orderToPos(shop, options.quick ? 4 : 12, 700);
      const pollingNote = `${polled.count} orders with every webhook dropped; polling every ${POLL_INTERVAL_MS} ms (target ≤ interval + 1 s)`;
      figures.push(
        { name: 'order_to_pos_polling_p50_ms', value: polled.p50, unit: 'ms', note: pollingNote },
        { name: 'order_to_pos_polling_p99_ms', value: polled.p99, unit: 'ms', note: pollingNote },
      );
      return figures;
    } finally {
      await shop.close();
      await database.drop();
    }
  },
};

async function saleToShopify(shop: SyncedShop, seconds: number) {
  const db = shop.test.deps.db.kysely;
  const movementIds: string[] = [];
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < seconds * 1000) {
    const item = shop.items[n % shop.items.length]!;
    const response = await shop.test.app.inject({
      method: 'POST',
      url: '/api/sales',
      headers: shop.owner,
      payload: {
        id: shop.test.deps.newId('sale'),
        registerId: shop.registerId,
        lines: [{ id: shop.test.deps.newId('line'), variantId: item.variantId, quantity: 1 }],
        payments: [{ method: 'card', amountMinor: 500 }],
      },
    });
    if (response.statusCode !== 201) throw new Error(`sale refused: ${response.body}`);
    const movement = await db
      .selectFrom('stock_movements')
      .select('id')
      .where('reason', '=', 'sale')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    movementIds.push(movement.id);
    n++;
    const next = started + (n * 1000) / SALES_PER_SECOND;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
  }
  // Wait for the queue to drain, then read each movement's confirmation.
  for (let i = 0; i < 200; i++) {
    const pending = await db
      .selectFrom('shopify_pushes')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    const unplanned = await db.selectFrom('sync_outbox').select('id').where('push_id', 'is', null).execute();
    if (pending.length === 0 && unplanned.length === 0) break;
    await sleep(50);
  }
  const rows = await db
    .selectFrom('sync_outbox as o')
    .innerJoin('stock_movements as m', 'm.id', 'o.movement_id')
    .innerJoin('shopify_pushes as p', 'p.id', 'o.push_id')
    .select(['m.created_at', 'p.sent_at'])
    .where('o.movement_id', 'in', movementIds)
    .execute();
  const latencies = rows.map((r) => new Date(r.sent_at ?? 0).getTime() - new Date(r.created_at).getTime());
  return { count: movementIds.length, ...percentiles(latencies) };
}

async function orderToPos(shop: SyncedShop, count: number, spacingMs: number) {
  const db = shop.test.deps.db.kysely;
  const latencies: number[] = [];
  const placed: Array<{ orderId: string; at: number }> = [];
  for (let i = 0; i < count; i++) {
    const item = shop.items[i % shop.items.length]!;
    const at = Date.now();
    const created = (await shop.control(`/sandbox/shops/${shop.shop.domain}/orders`, {
      lines: [{ variantId: item.shopifyVariantId, quantity: 1 }],
      inventoryBehaviour: 'DECREMENT_IGNORING_POLICY',
    })) as { order: { id: string } };
    placed.push({ orderId: created.order.id.split('/').pop()!, at });
    await sleep(spacingMs);
  }
  for (const order of placed) {
    const key = `shopify:order:${order.orderId}:%`;
    let movement: { created_at: string } | undefined;
    for (let i = 0; i < 400 && !movement; i++) {
      movement = await db
        .selectFrom('stock_movements')
        .select('created_at')
        .where('idempotency_key', 'like', key)
        .where('reason', '=', 'online_order')
        .executeTakeFirst();
      if (!movement) await sleep(25);
    }
    if (!movement) throw new Error(`order ${order.orderId} never reached the POS`);
    latencies.push(new Date(movement.created_at).getTime() - order.at);
  }
  return { count, ...percentiles(latencies) };
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)) };
}
