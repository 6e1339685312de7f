import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coalesceOutbox,
  planPushDelta,
  pushIdempotencyKey,
  pushTarget,
  shopifyAvailableEffect,
} from './sync-planning.ts';

describe('sync planning', () => {
  it('pushes the difference between the POS online figure and what Shopify is expected to hold', () => {
    expect(planPushDelta({ onHand: 10, committed: 2, buffer: 1, expectedShopifyAvailable: 9 })).toBe(-2);
    expect(planPushDelta({ onHand: 10, committed: 2, buffer: 0, expectedShopifyAvailable: 8 })).toBe(0);
  });

  it('corrects an oversold Shopify level up to zero: the invariant is Shopify = max(0, POS available)', () => {
    // An online order oversold on Shopify (-1) while the POS shows 0 available: push +1.
    expect(planPushDelta({ onHand: 1, committed: 2, buffer: 0, expectedShopifyAvailable: -1 })).toBe(1);
  });

  it('clamps the target at zero when the buffer exceeds what is available', () => {
    expect(pushTarget({ onHand: 2, committed: 0, buffer: 5 })).toBe(0);
    expect(planPushDelta({ onHand: 2, committed: 0, buffer: 5, expectedShopifyAvailable: 2 })).toBe(-2);
  });

  it('never pushes back a movement that came from Shopify while stock is not oversold (no clamp to correct)', () => {
    // order created, fulfilled, cancelled with and without restock, refunds: any sequence.
    const shopifyMovement = fc.constantFrom(
      { onHandDelta: 0, committedDelta: 1 },
      { onHandDelta: -1, committedDelta: -1 },
      { onHandDelta: 0, committedDelta: -1 },
      { onHandDelta: 1, committedDelta: 0 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.array(shopifyMovement, { maxLength: 30 }),
        (start, events) => {
          let onHand = start;
          let committed = 0;
          let expected = pushTarget({ onHand, committed, buffer: 0 });
          for (const event of events) {
            onHand += event.onHandDelta;
            committed += event.committedDelta;
            expected += shopifyAvailableEffect(event);
          }
          fc.pre(onHand - committed >= 0);
          return planPushDelta({ onHand, committed, buffer: 0, expectedShopifyAvailable: expected }) === 0;
        },
      ),
    );
  });

  it('gives a retried push the same idempotency key and the next push a new one', () => {
    const push = {
      inventoryItemId: 'gid://shopify/InventoryItem/7',
      locationId: 'gid://shopify/Location/3',
      firstOutboxId: 4,
      lastOutboxId: 9,
    };
    expect(pushIdempotencyKey(push)).toBe(pushIdempotencyKey({ ...push }));
    expect(pushIdempotencyKey(push)).toBe('tillsync-push-7-3-4-9');
    expect(pushIdempotencyKey({ ...push, firstOutboxId: 10, lastOutboxId: 10 })).not.toBe(
      pushIdempotencyKey(push),
    );
    expect(pushIdempotencyKey({ ...push, retry: 1 })).toBe('tillsync-push-7-3-4-9-retry-1');
    expect(pushIdempotencyKey({ ...push, retry: 2 })).not.toBe(pushIdempotencyKey({ ...push, retry: 1 }));
  });

  it('coalesces outbox rows per item and location, never across locations', () => {
    const groups = coalesceOutbox([
      { id: 3, inventoryItemId: 'i1', locationId: 'l1' },
      { id: 1, inventoryItemId: 'i1', locationId: 'l1' },
      { id: 2, inventoryItemId: 'i1', locationId: 'l2' },
    ]);
    expect(groups.map((g) => [g.inventoryItemId, g.locationId, g.firstOutboxId, g.lastOutboxId])).toEqual([
      ['i1', 'l1', 1, 3],
      ['i1', 'l2', 2, 2],
    ]);
  });
});
