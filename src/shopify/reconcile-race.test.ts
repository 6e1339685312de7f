import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { INVENTORY_SET } from './operations/inventory-set.ts';
import { planPushes } from './push-planner.ts';
import { sendPendingPushes } from './push-sender.ts';
import { reconcile } from './reconcile.service.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import { createSyncClientProvider } from './sync-client.ts';

/**
 * A push planned between reconciliation's read and its compare-and-swap was computed against the old
 * expectation and landed on top of the corrected value, leaving Shopify off with nothing queued to
 * fix it (found by soak seed 1326). The point is now held while it is corrected.
 */
describeEachDatabase('reconciliation racing a push', (t) => {
  let s: SyncedShop;
  beforeAll(async () => {
    s = await startSyncedShop(t.db);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('ends with Shopify at the POS figure when a sale is planned while a point is being corrected', async () => {
    await s.engine.stop();
    const db = t.db.kysely;
    const deps = { clock: s.test.deps.clock, newId: s.test.deps.newId, dialect: t.db.dialect };
    const item = s.items[0]!;
    // A point whose expectation is wrong (12 while Shopify holds 10): what reconciliation is for.
    await db
      .updateTable('shopify_sync_points')
      .set({ expected_available: 12 })
      .where('variant_id', '=', item.variantId)
      .execute();
    const sync = (await createSyncClientProvider(db, s.test.deps)())!;
    let raced = false;
    const racing: ShopifyGraphql = {
      throttleStatus: () => sync.shopify.throttleStatus(),
      async request(operation, variables) {
        if (operation === INVENTORY_SET && !raced) {
          raced = true;
          const sale = await s.test.app.inject({
            method: 'POST',
            url: '/api/sales',
            headers: s.owner,
            payload: {
              id: s.test.deps.newId('sale'),
              registerId: s.registerId,
              lines: [{ id: s.test.deps.newId('line'), variantId: item.variantId, quantity: 2 }],
              payments: [{ method: 'card', amountMinor: 1000 }],
            },
          });
          expect(sale.statusCode).toBe(201);
          await planPushes(db, deps);
        }
        return sync.shopify.request(operation, variables);
      },
    };
    await reconcile(db, deps, { connection: sync.connection, shopify: racing }, 'manual');
    expect(raced).toBe(true);
    for (let i = 0; i < 3; i++) {
      await planPushes(db, deps);
      await sendPendingPushes(db, deps, sync.shopify);
    }
    expect(await s.posLevel(item)).toEqual({ onHand: 8, committed: 0 });
    expect(await s.shopifyAvailable(item)).toBe(8);
  });
});
