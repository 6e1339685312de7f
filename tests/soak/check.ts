import { verifyLevelsAgainstLedger } from '../../src/inventory/ledger-check.ts';
import type { Oracle } from './oracle.ts';
import type { World } from './world.ts';

/**
 * After a seed's activity: every process up, faults off, queues drained (the sandbox's webhook
 * deliveries, the outbox, the pushes, the webhook inbox), one reconciliation through the API, drained
 * again; then DESIGN §3's invariant against the oracle. Returns the differences (empty = clean).
 */
export async function settleAndCheck(world: World, oracle: Oracle, timeoutMs = 60_000): Promise<string[]> {
  await world.pool.restartAll();
  await world.control(
    '/faults',
    {
      apiFailureRate: 0,
      timeoutAfterApplyRate: 0,
      webhookDropRate: 0,
      webhookDuplicateRate: 0,
      webhookDelayRate: 0,
      webhookReorderRate: 0,
    },
    'PUT',
  );
  await drained(world, timeoutMs);
  // Orders whose webhooks were dropped reach the POS by polling. Reconciliation polls first too, but
  // then races the push that order queues, and its drift report would show a change the event path
  // was about to send: let the poller catch up, so the report holds only what events cannot explain.
  await ordersIngested(world, oracle, timeoutMs);
  await drained(world, timeoutMs);
  let report: { reportId: string; drifted: number } | undefined;
  for (let attempt = 0; !report; attempt++) {
    const response = await world.api('POST', '/api/shopify/reconcile');
    if (response.ok) report = (await response.json()) as { reportId: string; drifted: number };
    else if (attempt >= 5) return [`reconcile failed: ${response.status} ${await response.text()}`];
    else await new Promise((done) => setTimeout(done, 200));
  }
  await drained(world, timeoutMs);
  return compare(world, oracle, report.reportId);
}

async function ordersIngested(world: World, oracle: Oracle, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const order of oracle.orders) {
    if (order.expectedMovements === 0) continue;
    for (;;) {
      const counted = await world.db.kysely
        .selectFrom('stock_movements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('idempotency_key', 'like', `shopify:order:${order.id}:%`)
        .executeTakeFirstOrThrow();
      // Past the deadline the comparison after reconciliation reports the order.
      if (Number(counted.n) >= order.expectedMovements || Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

async function drained(world: World, timeoutMs: number): Promise<void> {
  const db = world.db.kysely;
  const shopId = (
    world.sandbox.runtime.db.prepare('SELECT id FROM shops WHERE domain = ?').get(world.shop.domain) as {
      id: number;
    }
  ).id;
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  for (;;) {
    const deliveries = (
      world.sandbox.runtime.db
        .prepare(
          "SELECT count(*) AS n FROM webhook_deliveries WHERE shop_id = ? AND status IN ('pending', 'sending')",
        )
        .get(shopId) as { n: number }
    ).n;
    const [outbox, pushes, inbox] = await Promise.all([
      db
        .selectFrom('sync_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('push_id', 'is', null)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('shopify_pushes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('shopify_webhook_inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('processed_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ]);
    const busy = deliveries + Number(outbox.n) + Number(pushes.n) + Number(inbox.n);
    // Quiet for a moment: a webhook just delivered may still be on its way into the inbox.
    if (busy === 0) {
      if (quietSince === 0) quietSince = Date.now();
      if (Date.now() - quietSince >= 120) return;
    } else quietSince = 0;
    if (Date.now() > deadline) {
      const [stuckPushes, stuckInbox, points] = await Promise.all([
        db
          .selectFrom('shopify_pushes')
          .select(['id', 'status', 'batch_key', 'claimed_until', 'attempts', 'last_error'])
          .where('status', '=', 'pending')
          .execute(),
        db
          .selectFrom('shopify_webhook_inbox')
          .select(['id', 'topic', 'claimed_until', 'attempts', 'last_error'])
          .where('processed_at', 'is', null)
          .limit(3)
          .execute(),
        db
          .selectFrom('shopify_sync_points')
          .select(['variant_id', 'in_flight_push_id', 'expected_available'])
          .where('in_flight_push_id', 'is not', null)
          .execute(),
      ]);
      throw new Error(
        `not drained after ${timeoutMs} ms: deliveries ${deliveries}, outbox ${outbox.n}, pushes ${pushes.n}, inbox ${inbox.n}; now ${new Date().toISOString()}; pushes ${JSON.stringify(stuckPushes)}; inbox ${JSON.stringify(stuckInbox)}; points in flight ${JSON.stringify(points)}`,
      );
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function compare(world: World, oracle: Oracle, reportId: string): Promise<string[]> {
  const db = world.db.kysely;
  const problems: string[] = [];
  const variantIds = oracle.items.map((i) => i.variantId);

  const levels = await db
    .selectFrom('stock_levels')
    .select(['variant_id', 'location_id', 'on_hand', 'committed'])
    .where('variant_id', 'in', variantIds)
    .execute();
  const level = (variantId: string, locationId: string) =>
    levels.find((l) => l.variant_id === variantId && l.location_id === locationId) ?? {
      on_hand: 0,
      committed: 0,
    };
  for (const item of oracle.items) {
    const shop = level(item.variantId, world.shopLocationId);
    const room = level(item.variantId, world.storeRoomId);
    const got = {
      shop: { onHand: shop.on_hand, committed: shop.committed },
      room: { onHand: room.on_hand, committed: room.committed },
    };
    const want = { shop: item.shop, room: { onHand: item.storeRoom.onHand, committed: 0 } };
    if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(
        `ledger of ${item.variantId}: POS has ${JSON.stringify(got)}, the events give ${JSON.stringify(want)}`,
      );
  }

  const ledger = await verifyLevelsAgainstLedger(db);
  if (ledger.length > 0)
    problems.push(`levels disagree with the ledger: ${JSON.stringify(ledger).slice(0, 500)}`);

  for (const order of oracle.orders) {
    const counted = await db
      .selectFrom('stock_movements')
      .select(['idempotency_key'])
      .where('idempotency_key', 'like', `shopify:order:${order.id}:%`)
      .execute();
    if (counted.length !== order.expectedMovements)
      problems.push(
        `order ${order.id}${order.preIntegration ? ' (pre-integration)' : ''}: ${counted.length} movements, the events give ${order.expectedMovements}: ${counted.map((c) => c.idempotency_key).join(' ')}`,
      );
  }

  const saleIds = oracle.sales.map((s) => s.id);
  if (saleIds.length > 0) {
    const found = await db.selectFrom('sales').select('id').where('id', 'in', saleIds).execute();
    const present = new Set(found.map((s) => s.id));
    const missing = saleIds.filter((id) => !present.has(id));
    if (missing.length > 0) problems.push(`acknowledged sales missing: ${missing.join(' ')}`);
  }

  // A level without an `available` row holds 0, as the sandbox (and Shopify) reports it.
  const readAvailable = world.sandbox.runtime.db.prepare(
    "SELECT coalesce(q.quantity, 0) AS available FROM levels l LEFT JOIN quantities q ON q.level_id = l.id AND q.name = 'available' WHERE l.item_id = ? AND l.location_id = ? AND l.active = 1",
  );
  const shopifyLocation = Number(world.shopifyLocationId.split('/').pop());
  for (const item of oracle.items) {
    const shopify = (
      readAvailable.get(Number(item.inventoryItemId.split('/').pop()), shopifyLocation) as
        | { available: number }
        | undefined
    )?.available;
    const pos = level(item.variantId, world.shopLocationId);
    const posOnline = Math.max(0, pos.on_hand - pos.committed);
    if (shopify !== posOnline || shopify !== oracle.onlineAvailable(item)) {
      const point = await db
        .selectFrom('shopify_sync_points')
        .selectAll()
        .where('variant_id', '=', item.variantId)
        .executeTakeFirst();
      const rows = await db
        .selectFrom('shopify_drift_rows')
        .select(['cause', 'action', 'pos_online_available', 'shopify_available', 'expected_available'])
        .where('report_id', '=', reportId)
        .where('variant_id', '=', item.variantId)
        .execute();
      const history = world.sandbox.runtime.db
        .prepare(
          `SELECT g.id, g.reason, g.reference_document_uri AS ref, c.name, c.delta, g.created_at FROM adjustment_changes c JOIN adjustment_groups g ON g.id = c.group_id WHERE c.item_id = ? ORDER BY g.id`,
        )
        .all(Number(item.inventoryItemId.split('/').pop()));
      const pushes = await db
        .selectFrom('shopify_pushes')
        .select(['id', 'delta', 'status', 'batch_key', 'attempts', 'last_error'])
        .where('variant_id', '=', item.variantId)
        .execute();
      problems.push(
        `Shopify available of ${item.variantId} is ${shopify}; POS online_available ${posOnline}; the events give ${oracle.onlineAvailable(item)}; sync point ${JSON.stringify(point)}; drift ${JSON.stringify(rows)}; pushes ${JSON.stringify(pushes)}; Shopify history ${JSON.stringify(history)}`,
      );
    }
  }

  // Nothing applied twice or lost on the way: only Shopify-side changes may leave drift to correct.
  const drift = await db
    .selectFrom('shopify_drift_rows')
    .select(['variant_id', 'cause', 'pos_online_available', 'shopify_available', 'expected_available'])
    .where('report_id', '=', reportId)
    .where('variant_id', 'in', variantIds)
    .execute();
  for (const row of drift)
    if (!oracle.mayDrift.has(row.variant_id))
      problems.push(`unexplained drift on ${row.variant_id}: ${JSON.stringify(row)}`);
  return problems;
}
