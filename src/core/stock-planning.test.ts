import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MOVEMENT_QUANTITY } from './ledger-rules.ts';
import { planAdjustment, planCount, planReceipt, planTransfer } from './stock-planning.ts';

describe('stock planning', () => {
  it('plans a receipt as one receipt movement per line adding to on_hand', () => {
    const plan = planReceipt({
      locationId: 'loc_1',
      lines: [
        { variantId: 'var_a', quantity: 5 },
        { variantId: 'var_b', quantity: 1 },
      ],
    });
    expect(plan).toEqual({
      ok: true,
      movements: [
        { variantId: 'var_a', locationId: 'loc_1', reason: 'receipt', onHandDelta: 5, committedDelta: 0 },
        { variantId: 'var_b', locationId: 'loc_1', reason: 'receipt', onHandDelta: 1, committedDelta: 0 },
      ],
    });
  });

  it('refuses zero, negative, fractional, huge and non-numeric quantities, naming the line', () => {
    for (const quantity of [
      0,
      -1,
      1.5,
      MAX_MOVEMENT_QUANTITY + 1,
      1e12,
      Number.NaN,
      '3' as unknown as number,
    ]) {
      const plan = planReceipt({
        locationId: 'loc_1',
        lines: [
          { variantId: 'var_a', quantity: 1 },
          { variantId: 'var_b', quantity },
        ],
      });
      expect(plan).toMatchObject({
        ok: false,
        error: { code: 'QUANTITY_INVALID', field: 'lines.1.quantity' },
      });
    }
    expect(
      planReceipt({ locationId: 'l', lines: [{ variantId: 'v', quantity: MAX_MOVEMENT_QUANTITY }] }).ok,
    ).toBe(true);
  });

  it('refuses an empty document and the same variant twice in one document', () => {
    expect(planReceipt({ locationId: 'l', lines: [] })).toMatchObject({
      ok: false,
      error: { field: 'lines' },
    });
    const twice = planTransfer({
      fromLocationId: 'a',
      toLocationId: 'b',
      lines: [
        { variantId: 'v', quantity: 1 },
        { variantId: 'v', quantity: 2 },
      ],
    });
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_VARIANT', field: 'lines.1.variantId' },
    });
  });

  it('plans an adjustment with its sign and insists on a non-blank reason', () => {
    expect(planAdjustment({ locationId: 'l', variantId: 'v', delta: -2, reason: 'broken' })).toMatchObject({
      ok: true,
      movements: [{ reason: 'adjustment', onHandDelta: -2, committedDelta: 0 }],
    });
    expect(planAdjustment({ locationId: 'l', variantId: 'v', delta: 2, reason: '  \t' })).toMatchObject({
      ok: false,
      error: { code: 'REASON_REQUIRED', field: 'reason' },
    });
    for (const delta of [0, 0.5, -(MAX_MOVEMENT_QUANTITY + 1)]) {
      expect(planAdjustment({ locationId: 'l', variantId: 'v', delta, reason: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'DELTA_INVALID', field: 'delta' },
      });
    }
  });

  it('plans a count as counted minus on_hand, skipping lines that already match the books', () => {
    const onHand = new Map([
      ['var_a', 7],
      ['var_b', 3],
      ['var_c', -2],
    ]);
    const plan = planCount(
      {
        locationId: 'loc_1',
        lines: [
          { variantId: 'var_a', counted: 5 },
          { variantId: 'var_b', counted: 3 },
          { variantId: 'var_c', counted: 0 },
          { variantId: 'var_new', counted: 4 },
        ],
      },
      onHand,
    );
    expect(plan.ok && plan.movements.map((m) => [m.variantId, m.onHandDelta, m.reason])).toEqual([
      ['var_a', -2, 'count'],
      ['var_c', 2, 'count'],
      ['var_new', 4, 'count'],
    ]);
  });

  it('refuses a negative or fractional count', () => {
    for (const counted of [-1, 2.5]) {
      expect(planCount({ locationId: 'l', lines: [{ variantId: 'v', counted }] }, new Map())).toMatchObject({
        ok: false,
        error: { code: 'COUNTED_INVALID', field: 'lines.0.counted' },
      });
    }
  });

  it('plans a transfer as a paired out and in per line, and refuses a transfer to the same place', () => {
    const plan = planTransfer({
      fromLocationId: 'a',
      toLocationId: 'b',
      lines: [{ variantId: 'v', quantity: 3 }],
    });
    expect(plan).toEqual({
      ok: true,
      movements: [
        { variantId: 'v', locationId: 'a', reason: 'transfer_out', onHandDelta: -3, committedDelta: 0 },
        { variantId: 'v', locationId: 'b', reason: 'transfer_in', onHandDelta: 3, committedDelta: 0 },
      ],
    });
    expect(planTransfer({ fromLocationId: 'a', toLocationId: 'a', lines: [] })).toMatchObject({
      ok: false,
      error: { code: 'SAME_LOCATION', field: 'toLocationId' },
    });
  });

  it('leaves on_hand equal to the counted number for any books and any count (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: -50, max: 50 })),
        fc.uniqueArray(fc.record({ variantId: fc.constantFrom('a', 'b', 'c', 'd'), counted: fc.nat(100) }), {
          selector: (l) => l.variantId,
          minLength: 1,
        }),
        (books, lines) => {
          const onHand = new Map(Object.entries(books));
          const plan = planCount({ locationId: 'l', lines }, onHand);
          if (!plan.ok) throw new Error(plan.error.message);
          const after = new Map(onHand);
          for (const m of plan.movements)
            after.set(m.variantId, (after.get(m.variantId) ?? 0) + m.onHandDelta);
          for (const line of lines) expect(after.get(line.variantId) ?? 0).toBe(line.counted);
        },
      ),
    );
  });

  it('keeps the total across locations unchanged for any transfer (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ variantId: fc.string({ minLength: 1 }), quantity: fc.integer({ min: 1, max: 1000 }) }),
          { selector: (l) => l.variantId, minLength: 1 },
        ),
        (lines) => {
          const plan = planTransfer({ fromLocationId: 'a', toLocationId: 'b', lines });
          if (!plan.ok) throw new Error(plan.error.message);
          expect(plan.movements.reduce((sum, m) => sum + m.onHandDelta, 0)).toBe(0);
          expect(plan.movements).toHaveLength(lines.length * 2);
        },
      ),
    );
  });
});
