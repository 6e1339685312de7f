import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';

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
});
