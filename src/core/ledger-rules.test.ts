import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { available, deltasFor, lockOrder, MOVEMENT_REASONS, onlineAvailable } from './ledger-rules.ts';

describe('ledger rules', () => {
  it('moves on_hand and committed as the DESIGN §2 table says', () => {
    expect(deltasFor('sale', 3)).toEqual({ onHandDelta: -3, committedDelta: 0 });
    expect(deltasFor('receipt', 3)).toEqual({ onHandDelta: 3, committedDelta: 0 });
    expect(deltasFor('transfer_out', 3)).toEqual({ onHandDelta: -3, committedDelta: 0 });
    expect(deltasFor('transfer_in', 3)).toEqual({ onHandDelta: 3, committedDelta: 0 });
    expect(deltasFor('online_order', 3)).toEqual({ onHandDelta: 0, committedDelta: 3 });
    expect(deltasFor('online_fulfilment', 3)).toEqual({ onHandDelta: -3, committedDelta: -3 });
    expect(deltasFor('online_cancel', 3)).toEqual({ onHandDelta: 0, committedDelta: -3 });
    expect(deltasFor('online_cancel_no_restock', 3)).toEqual({ onHandDelta: -3, committedDelta: -3 });
    expect(deltasFor('online_refund_return', 3)).toEqual({ onHandDelta: 3, committedDelta: 0 });
    expect(deltasFor('count', -4)).toEqual({ onHandDelta: -4, committedDelta: 0 });
  });

  it('never lets a reason touch quantities it does not own', () => {
    for (const reason of MOVEMENT_REASONS) {
      const { onHandDelta, committedDelta } = deltasFor(reason, 2);
      expect(Math.abs(onHandDelta) + Math.abs(committedDelta)).toBeGreaterThan(0);
    }
  });

  it('computes available and clamps what Shopify is shown at zero after the buffer', () => {
    expect(available({ onHand: 5, committed: 2 })).toBe(3);
    expect(available({ onHand: -1, committed: 2 })).toBe(-3);
    expect(onlineAvailable({ onHand: 5, committed: 2 }, 1)).toBe(2);
    expect(onlineAvailable({ onHand: 5, committed: 2 }, 10)).toBe(0);
  });

  it('orders level rows the same way whatever order a document lists them in', () => {
    const row = fc.record({
      variantId: fc.constantFrom('var_a', 'var_b', 'var_c'),
      locationId: fc.constantFrom('loc_1', 'loc_2'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.func(fc.integer()), (rows, rank) => {
        const shuffled = [...rows].sort((a, b) => rank(a) - rank(b));
        const ordered = (items: typeof rows) => lockOrder(items).map((i) => items[i]);
        const plain = (items: typeof rows) => ordered(items).map((r) => `${r!.variantId}/${r!.locationId}`);
        expect(plain(shuffled)).toEqual(plain(rows));
        expect(lockOrder(rows).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
      }),
    );
  });
});
