import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eventually,
  POS_START_STOCK,
  type SyncedShop,
  startSyncedShop,
} from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';

const numericId = (gid: string) => Number(gid.split('/').at(-1));

/**
 * A change Shopify refuses outright (the item is no longer stocked at the location there) is not
 * retried forever: it is listed on the sync page, and once the owner stocks the item again, "Send
 * again" brings Shopify to the till's figure, with nothing sent twice.
 */
describeEachDatabase('stock changes Shopify refused', (t) => {
  let s: SyncedShop;
  beforeAll(async () => {
    s = await startSyncedShop(t.db);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  function setStockedOnShopify(stocked: boolean) {
    const item = s.items[0]!;
    s.sandbox.runtime.db
      .prepare('UPDATE levels SET active = ? WHERE item_id = ? AND location_id = ?')
      .run(stocked ? 1 : 0, numericId(item.inventoryItemId), numericId(s.shopifyLocationId));
  }

  async function sell(quantity: number) {
    const sale = await s.test.app.inject({
      method: 'POST',
      url: '/api/sales',
      headers: s.owner,
      payload: {
        id: s.test.deps.newId('sale'),
        registerId: s.registerId,
        lines: [{ id: s.test.deps.newId('line'), variantId: s.items[0]!.variantId, quantity }],
        payments: [{ method: 'cash', amountMinor: 10_000 }],
      },
    });
    expect(sale.statusCode).toBe(201);
  }

  it('lists a refused change, and sends it again once the cause is fixed', async () => {
    setStockedOnShopify(false);
    await sell(2);
    const refused = await eventually(async () => {
      const listed = await s.test.app.inject({
        method: 'GET',
        url: '/api/shopify/failed-pushes',
        headers: s.owner,
      });
      const rows = listed.json() as Array<{ variantId: string; delta: number; error: string }>;
      expect(rows).toHaveLength(1);
      return rows[0]!;
    });
    expect(refused).toMatchObject({ variantId: s.items[0]!.variantId, delta: -2 });
    expect(refused.error).toMatch(/not stocked/i);
    const status = await s.test.app.inject({ method: 'GET', url: '/api/shopify/status', headers: s.owner });
    expect(status.json().failedPushes).toBe(1);

    setStockedOnShopify(true);
    // No new movement: only the retry can bring Shopify down to the till's figure.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await s.shopifyAvailable(s.items[0]!)).toBe(POS_START_STOCK);
    const retried = await s.test.app.inject({
      method: 'POST',
      url: '/api/shopify/failed-pushes/retry',
      headers: s.owner,
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().requeued).toBe(1);
    await eventually(async () => expect(await s.shopifyAvailable(s.items[0]!)).toBe(POS_START_STOCK - 2));
    const after = await s.test.app.inject({
      method: 'GET',
      url: '/api/shopify/failed-pushes',
      headers: s.owner,
    });
    expect(after.json()).toEqual([]);
    // Settled, and stays settled: the re-queued movements were not applied a second time.
    await eventually(async () => {
      const queue = await s.test.app.inject({ method: 'GET', url: '/api/shopify/status', headers: s.owner });
      expect(queue.json().queue).toEqual({ outbox: 0, pendingPushes: 0, inbox: 0 });
    });
    expect(await s.shopifyAvailable(s.items[0]!)).toBe(POS_START_STOCK - 2);
    // Each call went out under its own key, built on the movement's globally unique id, so neither
    // a re-sent push nor a later install of the till (row ids starting again) meets an old answer.
    const pushes = await t.db.kysely
      .selectFrom('shopify_pushes')
      .select(['status', 'batch_key', 'reference_document_uri'])
      .where('variant_id', '=', s.items[0]!.variantId)
      .orderBy('id')
      .execute();
    expect(pushes.map((p) => p.status)).toEqual(['retried', 'sent']);
    const movementId = pushes[0]!.reference_document_uri.split('/').at(-1)!;
    expect(pushes[0]!.batch_key).toContain(movementId);
    expect(pushes[1]!.batch_key).toContain(movementId);
    expect(pushes[1]!.batch_key).not.toBe(pushes[0]!.batch_key);
  });

  it('is not open to a cashier', async () => {
    const { cookie } = await s.test.as('cashier');
    const listed = await s.test.app.inject({
      method: 'GET',
      url: '/api/shopify/failed-pushes',
      headers: { cookie },
    });
    expect(listed.statusCode).toBe(403);
    const retry = await s.test.app.inject({
      method: 'POST',
      url: '/api/shopify/failed-pushes/retry',
      headers: { cookie },
    });
    expect(retry.statusCode).toBe(403);
  });
});
