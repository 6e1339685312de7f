import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashTender } from './tenders.ts';

describe('cashTender', () => {
  it('gives change from cash: £20 note for £12.50 leaves £7.50', () => {
    expect(cashTender(1250, [{ method: 'cash', amountMinor: 2000 }])).toMatchObject({
      ok: true,
      changeMinor: 750,
      cashKeptMinor: 1250,
    });
  });

  it('accepts a split of card and cash with the change from the cash part', () => {
    const result = cashTender(3000, [
      { method: 'card', amountMinor: 2000 },
      { method: 'cash', amountMinor: 1500 },
    ]);
    expect(result).toMatchObject({ ok: true, changeMinor: 500, cardMinor: 2000, cashKeptMinor: 1000 });
  });

  it('refuses payments short of the total, and card above what is due', () => {
    expect(cashTender(1000, [{ method: 'cash', amountMinor: 999 }])).toMatchObject({
      ok: false,
      code: 'TENDER_SHORT',
    });
    expect(cashTender(1000, [{ method: 'card', amountMinor: 1001 }])).toMatchObject({
      ok: false,
      code: 'CARD_OVER_DUE',
    });
    expect(cashTender(1000, [{ method: 'cash', amountMinor: 0 }])).toMatchObject({
      ok: false,
      code: 'TENDER_INVALID',
    });
  });

  it('never gives more change than the cash handed over, and always keeps exactly the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(
          fc.record({
            method: fc.constantFrom('cash' as const, 'card' as const),
            amountMinor: fc.integer({ min: 1, max: 100_000 }),
          }),
          { maxLength: 4 },
        ),
        (total, payments) => {
          const result = cashTender(total, payments);
          if (!result.ok) return;
          expect(result.changeMinor).toBeGreaterThanOrEqual(0);
          expect(result.changeMinor).toBeLessThanOrEqual(result.cashMinor);
          expect(result.cashKeptMinor + result.cardMinor).toBe(total);
        },
      ),
    );
  });
});
