import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eventually,
  POS_START_STOCK,
  type SyncedShop,
  startSyncedShop,
} from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';

/**
 * The sync, end to end: the real server and its sync engine against the real sandbox, through
 * @shopify/admin-api-client and real webhook deliveries. One connected shop per database; each test
 * works on items of its own.
 */
describeEachDatabase('Shopify sync end to end', (t) => {
  let s: SyncedShop;
  beforeAll(async () => {
    s = await startSyncedShop(t.db);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const item = (n: number) => s.items[n]!;
  async function onlineOrder(n: number, quantity: number) {
    const created = (await s.control(`/sandbox/shops/${s.shop.domain}/orders`, {
      lines: [{ variantId: item(n).shopifyVariantId, quantity }],
    })) as { order: { id: string; lineItems: { nodes: Array<{ id: string }> } } };
    return { orderId: created.order.id, lineItemId: created.order.lineItems.nodes[0]!.id };
  }
  const orderPath = (orderId: string) =>
    `/sandbox/shops/${s.shop.domain}/orders/${encodeURIComponent(orderId)}`;

  it('sets Shopify to the POS figure at the first sync (Shopify had 3, the POS 10)', async () => {
    for (const i of [0, 1]) expect(await s.shopifyAvailable(item(i))).toBe(POS_START_STOCK);
    const conn = await t.db.kysely
      .selectFrom('shopify_connection')
      .select('integration_started_at')
      .executeTakeFirstOrThrow();
    expect(conn.integration_started_at).not.toBeNull();
  });

  it('sends a POS sale to Shopify as a delta within seconds', async () => {
    const sale = await s.test.app.inject({
      method: 'POST',
      url: '/api/sales',
      headers: s.owner,
      payload: {
        id: s.test.deps.newId('sale'),
        registerId: s.registerId,
        lines: [{ id: s.test.deps.newId('line'), variantId: item(0).variantId, quantity: 2 }],
        payments: [{ method: 'cash', amountMinor: 1000 }],
      },
    });
    expect(sale.statusCode).toBe(201);
    await eventually(async () => expect(await s.shopifyAvailable(item(0))).toBe(POS_START_STOCK - 2));
  });

  it('commits an online order at its location, and never pushes it back to Shopify', async () => {
    await onlineOrder(1, 2);
    await eventually(async () => expect(await s.posLevel(item(1))).toEqual({ onHand: 10, committed: 2 }));
    await s.engine.runOnce();
    expect(await s.shopifyAvailable(item(1))).toBe(8);
    const pushed = await t.db.kysely
      .selectFrom('shopify_pushes')
      .select('delta')
      .where('variant_id', '=', item(1).variantId)
      .where('delta', '!=', 0)
      .execute();
    expect(pushed).toEqual([]);
  });

  it('takes a fulfilment from on_hand and committed', async () => {
    const { orderId } = await onlineOrder(2, 3);
    await eventually(async () => expect(await s.posLevel(item(2))).toEqual({ onHand: 10, committed: 3 }));
    await s.control(`${orderPath(orderId)}/fulfil`);
    await eventually(async () => expect(await s.posLevel(item(2))).toEqual({ onHand: 7, committed: 0 }));
    expect(await s.shopifyAvailable(item(2))).toBe(7);
  });

  it('releases committed on a cancel with restock, and takes on_hand too on a cancel without', async () => {
    const restocked = await onlineOrder(3, 2);
    const notRestocked = await onlineOrder(4, 2);
    await eventually(async () => expect((await s.posLevel(item(4))).committed).toBe(2));
    await s.control(`${orderPath(restocked.orderId)}/cancel`, { restock: true });
    await s.control(`${orderPath(notRestocked.orderId)}/cancel`, { restock: false });
    await eventually(async () => {
      expect(await s.posLevel(item(3))).toEqual({ onHand: 10, committed: 0 });
      expect(await s.posLevel(item(4))).toEqual({ onHand: 8, committed: 0 });
    });
    await s.engine.runOnce();
    expect(await s.shopifyAvailable(item(3))).toBe(10);
    expect(await s.shopifyAvailable(item(4))).toBe(8);
  });

  it('restocks a refund only as Shopify did: return adds on hand, no_restock nothing, cancel releases committed', async () => {
    const returned = await onlineOrder(5, 2);
    await eventually(async () => expect((await s.posLevel(item(5))).committed).toBe(2));
    await s.control(`${orderPath(returned.orderId)}/fulfil`);
    await eventually(async () => expect(await s.posLevel(item(5))).toEqual({ onHand: 8, committed: 0 }));
    await s.control(`${orderPath(returned.orderId)}/refund`, {
      lines: [
        {
          lineItemId: returned.lineItemId,
          quantity: 1,
          restockType: 'RETURN',
          locationId: s.shopifyLocationId,
        },
        { lineItemId: returned.lineItemId, quantity: 1, restockType: 'NO_RESTOCK' },
      ],
    });
    await eventually(async () => expect(await s.posLevel(item(5))).toEqual({ onHand: 9, committed: 0 }));

    const cancelled = await onlineOrder(6, 2);
    await eventually(async () => expect((await s.posLevel(item(6))).committed).toBe(2));
    await s.control(`${orderPath(cancelled.orderId)}/refund`, {
      lines: [
        {
          lineItemId: cancelled.lineItemId,
          quantity: 2,
          restockType: 'CANCEL',
          locationId: s.shopifyLocationId,
        },
      ],
    });
    await eventually(async () => expect(await s.posLevel(item(6))).toEqual({ onHand: 10, committed: 0 }));
    await s.engine.runOnce();
    expect(await s.shopifyAvailable(item(5))).toBe(9);
    expect(await s.shopifyAvailable(item(6))).toBe(10);
  });

  it('recognises its own pushes when they echo back, and reports no Shopify-side edit', async () => {
    await s.test.app.inject({
      method: 'POST',
      url: '/api/stock/adjustments',
      headers: s.owner,
      payload: { locationId: s.locationId, variantId: item(7).variantId, delta: -4, reason: 'breakage' },
    });
    await eventually(async () => expect(await s.shopifyAvailable(item(7))).toBe(6));
    // Let the inventory_levels/update echo arrive and be processed.
    await eventually(async () => {
      const pending = await t.db.kysely
        .selectFrom('shopify_webhook_inbox')
        .select('id')
        .where('processed_at', 'is', null)
        .execute();
      expect(pending).toEqual([]);
      const echoes = await t.db.kysely
        .selectFrom('shopify_webhook_inbox')
        .select('id')
        .where('topic', '=', 'inventory_levels/update')
        .execute();
      expect(echoes.length).toBeGreaterThan(0);
    });
    const edits = await t.db.kysely
      .selectFrom('shopify_stock_edits')
      .selectAll()
      .where('variant_id', '=', item(7).variantId)
      .execute();
    expect(edits).toEqual([]);
  });

  it('detects a stock edit made in Shopify and overrides it with the POS figure by default', async () => {
    await s.control(`/sandbox/shops/${s.shop.domain}/stock`, {
      inventoryItemId: item(8).inventoryItemId,
      locationId: s.shopifyLocationId,
      available: 25,
    });
    await eventually(async () => {
      const edits = await t.db.kysely
        .selectFrom('shopify_stock_edits')
        .selectAll()
        .where('variant_id', '=', item(8).variantId)
        .execute();
      expect(edits.map((e) => [e.status, e.shopify_available])).toEqual([['detected', 25]]);
    });
    const report = await s.test.app.inject({
      method: 'POST',
      url: '/api/shopify/reconcile',
      headers: s.owner,
    });
    expect(report.statusCode).toBe(200);
    const { reportId } = report.json() as { reportId: string };
    expect(await s.shopifyAvailable(item(8))).toBe(POS_START_STOCK);
    expect(await s.posLevel(item(8))).toEqual({ onHand: POS_START_STOCK, committed: 0 });
    const rows = await t.db.kysely
      .selectFrom('shopify_drift_rows')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('variant_id', '=', item(8).variantId)
      .execute();
    expect(rows.map((r) => [r.cause, r.action])).toEqual([['shopify_edit', 'set']]);
  });

  it('takes a Shopify-side edit in as a POS adjustment when the owner accepts it', async () => {
    await s.control(`/sandbox/shops/${s.shop.domain}/stock`, {
      inventoryItemId: item(9).inventoryItemId,
      locationId: s.shopifyLocationId,
      available: 13,
    });
    const edit = await eventually(async () => {
      const row = await t.db.kysely
        .selectFrom('shopify_stock_edits')
        .selectAll()
        .where('variant_id', '=', item(9).variantId)
        .executeTakeFirstOrThrow();
      expect(row.shopify_available).toBe(13);
      return row;
    });
    const accepted = await s.test.app.inject({
      method: 'POST',
      url: `/api/shopify/stock-edits/${edit.id}/accept`,
      headers: s.owner,
    });
    expect(accepted.statusCode).toBe(200);
    expect(await s.posLevel(item(9))).toEqual({ onHand: 13, committed: 0 });
    await s.engine.runOnce();
    expect(await s.shopifyAvailable(item(9))).toBe(13);
  });

  it('refuses a forged webhook with 401 and stores nothing', async () => {
    const before = await t.db.kysely
      .selectFrom('shopify_webhook_inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const forged = await fetch(`${s.appUrl}/api/shopify/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-shop-domain': s.shop.domain,
        'x-shopify-webhook-id': 'forged-1',
        'x-shopify-hmac-sha256': Buffer.from('not the signature').toString('base64'),
      },
      body: JSON.stringify({ id: 1 }),
    });
    expect(forged.status).toBe(401);
    const after = await t.db.kysely
      .selectFrom('shopify_webhook_inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('counts duplicated and reordered webhooks once', async () => {
    await s.control(
      `/sandbox/shops/${s.shop.domain}/faults`,
      { webhookDuplicateRate: 1, webhookReorderRate: 1 },
      'PUT',
    );
    const { orderId } = await onlineOrder(10, 1);
    await s.control(`${orderPath(orderId)}/fulfil`);
    await eventually(async () => expect(await s.posLevel(item(10))).toEqual({ onHand: 9, committed: 0 }));
    await s.control(
      `/sandbox/shops/${s.shop.domain}/faults`,
      { webhookDuplicateRate: 0, webhookReorderRate: 0 },
      'PUT',
    );
    const movements = await t.db.kysely
      .selectFrom('stock_movements')
      .select('reason')
      .where('variant_id', '=', item(10).variantId)
      .where('reason', 'in', [
        'online_order',
        'online_fulfilment',
        'online_cancel',
        'online_cancel_no_restock',
      ])
      .execute();
    expect(movements.map((m) => m.reason).sort()).toEqual(['online_fulfilment', 'online_order']);
  });

  it('catches an order whose webhooks were all lost, by polling', async () => {
    await s.control(`/sandbox/shops/${s.shop.domain}/faults`, { webhookDropRate: 1 }, 'PUT');
    await onlineOrder(11, 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await s.posLevel(item(11))).committed).toBe(0);
    const { pollUpdatedOrders } = await import('./order-poller.ts');
    const { createSyncClientProvider } = await import('./sync-client.ts');
    const sync = await createSyncClientProvider(t.db.kysely, s.test.deps)();
    await pollUpdatedOrders(t.db.kysely, { ...s.test.deps, dialect: t.db.dialect }, sync!);
    expect(await s.posLevel(item(11))).toEqual({ onHand: 10, committed: 3 });
    await s.control(`/sandbox/shops/${s.shop.domain}/faults`, { webhookDropRate: 0 }, 'PUT');
  });

  it('retries a push that timed out after Shopify applied it, with the same key, applied once', async () => {
    await s.engine.stop();
    await s.control(`/sandbox/shops/${s.shop.domain}/faults`, { timeoutAfterApplyRate: 1 }, 'PUT');
    const adjusted = await s.test.app.inject({
      method: 'POST',
      url: '/api/stock/adjustments',
      headers: s.owner,
      payload: {
        locationId: s.locationId,
        variantId: item(0).variantId,
        delta: 5,
        reason: 'found in back room',
      },
    });
    expect(adjusted.statusCode).toBe(201);
    const { planPushes } = await import('./push-planner.ts');
    const { sendPendingPushes } = await import('./push-sender.ts');
    const { createSyncClientProvider } = await import('./sync-client.ts');
    const sync = (await createSyncClientProvider(t.db.kysely, s.test.deps)())!;
    const jobDeps = { clock: s.test.deps.clock, dialect: t.db.dialect, claimMs: 0 };
    await planPushes(t.db.kysely, jobDeps);
    const first = await sendPendingPushes(t.db.kysely, jobDeps, sync.shopify);
    expect(first.sent).toBe(0);
    // Shopify applied it although we never heard back: 8 + 5.
    expect(await s.shopifyAvailable(item(0))).toBe(13);
    await s.control(`/sandbox/shops/${s.shop.domain}/faults`, { timeoutAfterApplyRate: 0 }, 'PUT');
    const second = await sendPendingPushes(t.db.kysely, jobDeps, sync.shopify);
    expect(second.sent).toBe(1);
    expect(await s.shopifyAvailable(item(0))).toBe(13);
    const point = await t.db.kysely
      .selectFrom('shopify_sync_points')
      .select('expected_available')
      .where('variant_id', '=', item(0).variantId)
      .executeTakeFirstOrThrow();
    expect(point.expected_available).toBe(13);
  });
});
