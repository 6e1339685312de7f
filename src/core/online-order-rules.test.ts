import { describe, expect, it } from 'vitest';
import {
  planCancellation,
  planFulfilment,
  planOrderCreated,
  planOrderSnapshot,
  planRefund,
} from './online-order-rules.ts';

const order = {
  orderId: '1001',
  createdAt: '2026-11-28T10:00:00Z',
  integrationStartedAt: '2026-11-01T00:00:00Z',
};
const oldOrder = { ...order, orderId: '900', createdAt: '2026-10-01T00:00:00Z' };

describe('online order rules (DESIGN §2)', () => {
  it('commits each line at its assigned location when an order is created, keyed by the line', () => {
    const planned = planOrderCreated(order, [
      { lineId: 'L1', variantId: 'var_a', quantity: 2, locationId: 'loc_1' },
    ]);
    expect(planned).toEqual([
      expect.objectContaining({
        onHandDelta: 0,
        committedDelta: 2,
        idempotencyKey: 'shopify:order:1001:line:L1:created',
      }),
    ]);
  });

  it('takes a fulfilled quantity from both on_hand and committed, keyed per fulfilment so partials add up', () => {
    const first = planFulfilment(order, 'F1', 'loc_1', [{ lineId: 'L1', variantId: 'var_a', quantity: 1 }]);
    const second = planFulfilment(order, 'F2', 'loc_1', [{ lineId: 'L1', variantId: 'var_a', quantity: 1 }]);
    expect(first[0]).toMatchObject({ onHandDelta: -1, committedDelta: -1 });
    expect(first[0]?.idempotencyKey).not.toBe(second[0]?.idempotencyKey);
  });

  it('releases committed on a restocked cancel, and also takes on_hand on a cancel without restock', () => {
    const line = { lineId: 'L1', variantId: 'var_a', quantity: 3, locationId: 'loc_1' };
    expect(planCancellation(order, true, [line])[0]).toMatchObject({ onHandDelta: 0, committedDelta: -3 });
    expect(planCancellation(order, false, [line])[0]).toMatchObject({ onHandDelta: -3, committedDelta: -3 });
  });

  it('restocks a refund only where Shopify restocked it: return adds on hand, cancel releases committed, no_restock nothing', () => {
    const { movements, manual } = planRefund(order, 'R1', [
      {
        refundLineId: 'RL1',
        lineId: 'L1',
        variantId: 'var_a',
        quantity: 1,
        restockType: 'return',
        locationId: 'loc_1',
      },
      {
        refundLineId: 'RL2',
        lineId: 'L2',
        variantId: 'var_b',
        quantity: 2,
        restockType: 'cancel',
        locationId: 'loc_2',
      },
      {
        refundLineId: 'RL3',
        lineId: 'L3',
        variantId: 'var_c',
        quantity: 1,
        restockType: 'no_restock',
        locationId: null,
      },
    ]);
    expect(manual).toEqual([]);
    expect(movements).toHaveLength(2);
    expect(movements[0]).toMatchObject({
      variantId: 'var_a',
      locationId: 'loc_1',
      onHandDelta: 1,
      committedDelta: 0,
    });
    expect(movements[1]).toMatchObject({
      variantId: 'var_b',
      locationId: 'loc_2',
      onHandDelta: 0,
      committedDelta: -2,
    });
  });

  it('compares whole seconds, as Shopify records them: an order in the first second counts, one a second earlier does not', () => {
    const line = { lineId: 'L1', variantId: 'var_a', quantity: 1, locationId: 'loc_1' };
    const started = '2026-11-28T05:52:01.234Z';
    expect(
      planOrderCreated({ orderId: '1', createdAt: '2026-11-28T05:52:01Z', integrationStartedAt: started }, [
        line,
      ]),
    ).toHaveLength(1);
    expect(
      planOrderCreated({ orderId: '2', createdAt: '2026-11-28T05:52:00Z', integrationStartedAt: started }, [
        line,
      ]),
    ).toEqual([]);
  });

  it('never moves stock for an order placed before the integration started, and lists its restocking refunds', () => {
    const line = { lineId: 'L1', variantId: 'var_a', quantity: 1, locationId: 'loc_1' };
    expect(planOrderCreated(oldOrder, [line])).toEqual([]);
    expect(planFulfilment(oldOrder, 'F1', 'loc_1', [line])).toEqual([]);
    expect(planCancellation(oldOrder, false, [line])).toEqual([]);
    const { movements, manual } = planRefund(oldOrder, 'R9', [
      {
        refundLineId: 'RL1',
        lineId: 'L1',
        variantId: 'var_a',
        quantity: 1,
        restockType: 'return',
        locationId: 'loc_1',
      },
      {
        refundLineId: 'RL2',
        lineId: 'L1',
        variantId: 'var_a',
        quantity: 1,
        restockType: 'no_restock',
        locationId: null,
      },
    ]);
    expect(movements).toEqual([]);
    expect(manual).toEqual([
      expect.objectContaining({ refundLineId: 'RL1', quantity: 1, restockType: 'return' }),
    ]);
  });
});

describe('order snapshots', () => {
  const base = {
    orderId: '2001',
    createdAt: '2026-11-28T10:00:00Z',
    cancelledAt: null,
    lines: [
      { lineId: 'L1', variantId: 'var_a', quantity: 3, locationId: 'loc_1' },
      { lineId: 'L2', variantId: null, quantity: 1, locationId: 'loc_1' },
    ],
    fulfillments: [],
    refunds: [],
  };
  const started = '2026-11-01T00:00:00Z';
  const net = (movements: { onHandDelta: number; committedDelta: number }[]) =>
    movements.reduce(
      (acc, m) => ({ onHand: acc.onHand + m.onHandDelta, committed: acc.committed + m.committedDelta }),
      { onHand: 0, committed: 0 },
    );

  it('commits only linked lines, and plans the same keys however often the order is seen', () => {
    const first = planOrderSnapshot(base, started);
    expect(first.movements).toHaveLength(1);
    expect(planOrderSnapshot(base, started).movements.map((m) => m.idempotencyKey)).toEqual(
      first.movements.map((m) => m.idempotencyKey),
    );
  });

  it('nets to on_hand −2 after a partial fulfilment of 2 and a cancel with a cancel-restock of the last 1', () => {
    const { movements } = planOrderSnapshot(
      {
        ...base,
        cancelledAt: '2026-11-28T12:00:00Z',
        fulfillments: [{ fulfillmentId: 'F1', locationId: 'loc_1', lines: [{ lineId: 'L1', quantity: 2 }] }],
        refunds: [
          {
            refundId: 'R1',
            lines: [
              { refundLineId: 'RL1', lineId: 'L1', quantity: 1, restockType: 'cancel', locationId: 'loc_1' },
            ],
          },
        ],
      },
      started,
    );
    expect(net(movements)).toEqual({ onHand: -2, committed: 0 });
  });

  it('takes the open quantity out of on_hand when an order is cancelled without restock', () => {
    const { movements } = planOrderSnapshot({ ...base, cancelledAt: '2026-11-28T12:00:00Z' }, started);
    expect(net(movements)).toEqual({ onHand: -3, committed: 0 });
  });
});
