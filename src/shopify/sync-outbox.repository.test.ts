import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { planPushes } from './push-planner.ts';
import { sendPendingPushes } from './push-sender.ts';
import { createSyncClientProvider } from './sync-client.ts';
import { processWebhookInbox } from './webhook-inbox.processor.ts';

/**
 * A Shopify-originated movement moves only the expectation, except across the clamp at zero: an online
 * order that oversells Shopify (available −2) leaves the POS target at 0, and a push must bring
 * Shopify back to it without waiting for the next reconciliation. Found by the soak (seed 2).
 */
describeEachDatabase('online order across the clamp at zero', (t) => {
  let s: SyncedShop;
  beforeAll(async () => {
    s = await startSyncedShop(t.db);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('pushes Shopify back up to the POS figure 0 after an order oversold it', async () => {
    const item = s.items[0]!;
    const sale = await s.test.app.inject({
      method: 'POST',
      url: '/api/sales',
      headers: s.owner,
      payload: {
        id: s.test.deps.newId('sale'),
        registerId: s.registerId,
        lines: [{ id: s.test.deps.newId('line'), variantId: item.variantId, quantity: 9 }],
        payments: [{ method: 'card', amountMinor: 4500 }],
      },
    });
    expect(sale.statusCode).toBe(201);
    await eventually(async () => expect(await s.shopifyAvailable(item)).toBe(1));

    await s.control(`/sandbox/shops/${s.shop.domain}/orders`, {
      lines: [{ variantId: item.shopifyVariantId, quantity: 3 }],
      inventoryBehaviour: 'DECREMENT_IGNORING_POLICY',
    });
    await eventually(async () => expect(await s.posLevel(item)).toEqual({ onHand: 1, committed: 3 }));
    // No reconciliation runs in this test (its interval is an hour): the push alone must do it.
    await eventually(async () => expect(await s.shopifyAvailable(item)).toBe(0));
  });

  it('queues a follow-up when the order arrives while a push is in flight (found by soak seed 3095)', async () => {
    // Engine stopped: each step below runs by hand, in the order that lost the follow-up.
    await s.engine.stop();
    const db = t.db.kysely;
    const deps = { clock: s.test.deps.clock, newId: s.test.deps.newId, dialect: t.db.dialect };
    const item = s.items[1]!;
    const sell = async (quantity: number) => {
      const sale = await s.test.app.inject({
        method: 'POST',
        url: '/api/sales',
        headers: s.owner,
        payload: {
          id: s.test.deps.newId('sale'),
          registerId: s.registerId,
          lines: [{ id: s.test.deps.newId('line'), variantId: item.variantId, quantity }],
          payments: [{ method: 'card', amountMinor: 500 * quantity }],
        },
      });
      expect(sale.statusCode).toBe(201);
    };
    const sync = (await createSyncClientProvider(db, s.test.deps)())!;
    await sell(9);
    await planPushes(db, deps);
    await sendPendingPushes(db, deps, sync.shopify);
    expect(await s.shopifyAvailable(item)).toBe(1);

    await sell(1); // POS 0 on hand: the push of −1 is planned but not yet sent
    await planPushes(db, deps);
    await s.control(`/sandbox/shops/${s.shop.domain}/orders`, {
      lines: [{ variantId: item.shopifyVariantId, quantity: 1 }],
      inventoryBehaviour: 'DECREMENT_IGNORING_POLICY',
    });
    await eventually(async () => {
      await processWebhookInbox(db, deps, sync);
      expect(await s.posLevel(item)).toEqual({ onHand: 0, committed: 1 });
    });
    for (let i = 0; i < 3; i++) {
      await planPushes(db, deps);
      await sendPendingPushes(db, deps, sync.shopify);
    }
    expect(await s.shopifyAvailable(item)).toBe(0);
  });
});
