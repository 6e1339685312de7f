import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReturn } from './return-plan.ts';

const line = (over: object = {}) => ({
  id: 'l1',
  quantity: 3,
  totalMinor: 1000,
  misc: false,
  returnedQuantity: 0,
  ...over,
});

describe('planReturn', () => {
  it('refunds exactly the line total when every unit comes back, however the returns are split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }),
        (sold, total, chunks) => {
          let returned = 0;
          let refunded = 0;
          for (const chunk of chunks) {
            const quantity = Math.min(chunk, sold - returned);
            if (quantity === 0) break;
            const plan = planReturn({
              lines: [line({ quantity: sold, totalMinor: total, returnedQuantity: returned })],
              cardPaidMinor: 0,
              cardRefundedMinor: 0,
              request: [{ saleLineId: 'l1', quantity, restock: true }],
            });
            if (!plan.ok) throw new Error(plan.message);
            returned += quantity;
            refunded += plan.refundMinor;
          }
          if (returned === sold) expect(refunded).toBe(total);
          expect(refunded).toBeLessThanOrEqual(total);
        },
      ),
    );
  });

  it('refunds to card first up to what was paid by card, then cash', () => {
    const plan = planReturn({
      lines: [line({ quantity: 1, totalMinor: 1000 })],
      cardPaidMinor: 600,
      cardRefundedMinor: 200,
      request: [{ saleLineId: 'l1', quantity: 1, restock: false }],
    });
    expect(plan).toMatchObject({
      ok: true,
      refundMinor: 1000,
      refunds: [
        { method: 'card', amountMinor: 400 },
        { method: 'cash', amountMinor: 600 },
      ],
    });
  });

  it('refuses more than is left to return, lines not on the sale, and a line listed twice', () => {
    const base = { cardPaidMinor: 0, cardRefundedMinor: 0 };
    expect(
      planReturn({
        ...base,
        lines: [line({ returnedQuantity: 2 })],
        request: [{ saleLineId: 'l1', quantity: 2, restock: true }],
      }),
    ).toMatchObject({ ok: false, code: 'RETURN_EXCEEDS_SOLD' });
    expect(
      planReturn({ ...base, lines: [line()], request: [{ saleLineId: 'nope', quantity: 1, restock: true }] }),
    ).toMatchObject({ ok: false, code: 'RETURN_LINE_UNKNOWN' });
    expect(
      planReturn({
        ...base,
        lines: [line()],
        request: [
          { saleLineId: 'l1', quantity: 1, restock: true },
          { saleLineId: 'l1', quantity: 1, restock: true },
        ],
      }),
    ).toMatchObject({ ok: false, code: 'RETURN_LINE_DUPLICATE', index: 1 });
  });

  it('never restocks a misc line', () => {
    const plan = planReturn({
      lines: [line({ misc: true })],
      cardPaidMinor: 0,
      cardRefundedMinor: 0,
      request: [{ saleLineId: 'l1', quantity: 1, restock: true }],
    });
    expect(plan).toMatchObject({ ok: true, lines: [{ restock: false }] });
  });
});
