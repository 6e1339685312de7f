import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SyncedShop, startSyncedShop } from '../../tests/support/synced-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { INVENTORY_LEVELS_BY_IDS } from './operations/inventory-levels-by-ids.ts';
import { INVENTORY_SET } from './operations/inventory-set.ts';
import { planPushes } from './push-planner.ts';
import { sendPendingPushes } from './push-sender.ts';
import { reconcile } from './reconcile.service.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import { createSyncClientProvider } from './sync-client.ts';
import { ingestOrderById } from './webhook-inbox.processor.ts';

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
      costSpent: () => sync.shopify.costSpent(),
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

  it('tries a point again within the run when an order moved it between the read and the correction', async () => {
    const db = t.db.kysely;
    const deps = { clock: s.test.deps.clock, newId: s.test.deps.newId, dialect: t.db.dialect };
    const item = s.items[1]!;
    // Edited on Shopify to 15 (the POS says 10): reconciliation must set it back.
    await s.control(`/sandbox/shops/${s.shop.domain}/stock`, {
      inventoryItemId: item.inventoryItemId,
      locationId: s.shopifyLocationId,
      available: 15,
    });
    const sync = (await createSyncClientProvider(db, s.test.deps)())!;
    let raced = false;
    const racing: ShopifyGraphql = {
      throttleStatus: () => sync.shopify.throttleStatus(),
      costSpent: () => sync.shopify.costSpent(),
      async request(operation, variables) {
        const result = await sync.shopify.request(operation, variables);
        if (operation === INVENTORY_LEVELS_BY_IDS && !raced) {
          raced = true;
          // Another process ingests an online order right after our read.
          const created = (await s.control(`/sandbox/shops/${s.shop.domain}/orders`, {
            lines: [{ variantId: item.shopifyVariantId, quantity: 1 }],
            inventoryBehaviour: 'DECREMENT_IGNORING_POLICY',
          })) as { order: { id: string } };
          await ingestOrderById(db, deps, sync, created.order.id.split('/').pop()!);
        }
        return result as never;
      },
    };
    const outcome = await reconcile(db, deps, { connection: sync.connection, shopify: racing }, 'manual');
    expect(raced).toBe(true);
    expect(outcome.stale).toBe(0);
    expect(await s.posLevel(item)).toEqual({ onHand: 10, committed: 1 });
    expect(await s.shopifyAvailable(item)).toBe(9);
  });
});
