import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apportion,
  computeSaleTotals,
  type Discount,
  mulDivRoundHalfUp,
  type TotalsLineInput,
} from './sale-totals.ts';

const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
);

const lineArb: fc.Arbitrary<TotalsLineInput> = fc.record({
  unitPriceMinor: fc.integer({ min: 0, max: 1_000_000 }),
  quantity: fc.integer({ min: 1, max: 50 }),
  taxRateBp: fc.constantFrom(0, 500, 1250, 2000, 2500, 1999),
  discount: discountArb,
});

const cartArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
  cartDiscount: discountArb,
  pricesIncludeTax: fc.boolean(),
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('computeSaleTotals', () => {
  it('makes the sale total exactly the sum of the line totals, and the tax the sum of line taxes', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeSaleTotals(cart);
        expect(sum(totals.lines.map((l) => l.totalMinor))).toBe(totals.totalMinor);
        expect(sum(totals.lines.map((l) => l.taxMinor))).toBe(totals.taxMinor);
        expect(sum(totals.lines.map((l) => l.grossMinor))).toBe(totals.subtotalMinor);
      }),
    );
  });

  it('never gives a negative discount nor one above the gross, on a line or on the sale', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeSaleTotals(cart);
        for (const line of totals.lines) {
          expect(line.lineDiscountMinor).toBeGreaterThanOrEqual(0);
          expect(line.cartDiscountMinor).toBeGreaterThanOrEqual(0);
          expect(line.lineDiscountMinor + line.cartDiscountMinor).toBeLessThanOrEqual(line.grossMinor);
          expect(line.netMinor).toBeGreaterThanOrEqual(0);
          expect(line.taxMinor).toBeGreaterThanOrEqual(0);
        }
        expect(totals.discountMinor).toBeLessThanOrEqual(totals.subtotalMinor);
      }),
    );
  });

  it('neither loses nor invents a minor unit: total = gross − discounts (+ tax when prices exclude it)', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeSaleTotals(cart);
        const added = cart.pricesIncludeTax ? 0 : totals.taxMinor;
        expect(totals.totalMinor).toBe(totals.subtotalMinor - totals.discountMinor + added);
        for (const line of totals.lines) expect(line.netMinor + line.taxMinor).toBe(line.totalMinor);
      }),
    );
  });

  it('gives a tax breakdown whose rows sum to the sale tax and net, one row per rate', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeSaleTotals(cart);
        expect(sum(totals.taxBreakdown.map((r) => r.taxMinor))).toBe(totals.taxMinor);
        expect(sum(totals.taxBreakdown.map((r) => r.netMinor))).toBe(totals.totalMinor - totals.taxMinor);
        expect(new Set(totals.taxBreakdown.map((r) => r.rateBp)).size).toBe(totals.taxBreakdown.length);
      }),
    );
  });

  it('spends exactly the cart discount across the lines (largest remainder)', () => {
    fc.assert(
      fc.property(cartArb, (cart) => {
        const totals = computeSaleTotals(cart);
        const afterLines = sum(totals.lines.map((l) => l.grossMinor - l.lineDiscountMinor));
        const cartShare = sum(totals.lines.map((l) => l.cartDiscountMinor));
        if (cart.cartDiscount?.kind === 'amount') {
          expect(cartShare).toBe(Math.min(cart.cartDiscount.amountMinor, afterLines));
        }
        if (!cart.cartDiscount) expect(cartShare).toBe(0);
      }),
    );
  });

  it('computes the textbook figures: 20% VAT included in £1.20 is 20p; 10% off £9.99 is £1.00', () => {
    const inclusive = computeSaleTotals({
      lines: [{ unitPriceMinor: 120, quantity: 1, taxRateBp: 2000 }],
      pricesIncludeTax: true,
    });
    expect(inclusive).toMatchObject({ totalMinor: 120, taxMinor: 20, subtotalMinor: 120 });
    const discounted = computeSaleTotals({
      lines: [
        { unitPriceMinor: 999, quantity: 1, taxRateBp: 0, discount: { kind: 'percent', basisPoints: 1000 } },
      ],
      pricesIncludeTax: true,
    });
    expect(discounted.lines[0]).toMatchObject({ lineDiscountMinor: 100, totalMinor: 899 });
    const exclusive = computeSaleTotals({
      lines: [{ unitPriceMinor: 1000, quantity: 3, taxRateBp: 825 }],
      pricesIncludeTax: false,
    });
    // 3000 × 8.25% = 247.5 → rounds half up to 248.
    expect(exclusive).toMatchObject({ taxMinor: 248, totalMinor: 3248 });
  });

  it('splits a 10p cart discount over three equal lines as 4p, 3p, 3p', () => {
    const totals = computeSaleTotals({
      lines: [1, 2, 3].map(() => ({ unitPriceMinor: 100, quantity: 1, taxRateBp: 0 })),
      cartDiscount: { kind: 'amount', amountMinor: 10 },
      pricesIncludeTax: true,
    });
    expect(totals.lines.map((l) => l.cartDiscountMinor)).toEqual([4, 3, 3]);
    expect(totals.totalMinor).toBe(290);
  });

  it('rejects a fractional price instead of computing with it', () => {
    expect(() =>
      computeSaleTotals({
        lines: [{ unitPriceMinor: 1.5, quantity: 1, taxRateBp: 0 }],
        pricesIncludeTax: true,
      }),
    ).toThrow(RangeError);
  });
});

describe('apportion and rounding', () => {
  it('apportions any amount up to the weights so the parts sum exactly and none exceeds its weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const amount = Math.floor(sum(weights) * fraction);
          const parts = apportion(amount, weights);
          expect(sum(parts)).toBe(amount);
          parts.forEach((part, i) => {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(part).toBeLessThanOrEqual(weights[i]!);
          });
        },
      ),
    );
  });

  it('rounds half up exactly, even past 2^53', () => {
    expect(mulDivRoundHalfUp(5, 1, 10)).toBe(1);
    expect(mulDivRoundHalfUp(4, 1, 10)).toBe(0);
    expect(mulDivRoundHalfUp(9_000_000_000_000, 2000, 12000)).toBe(1_500_000_000_000);
  });
});
