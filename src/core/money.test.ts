import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor, parseDecimalToMinor } from './money.ts';

describe('parseDecimalToMinor', () => {
  it('reads decimal text as integer minor units without float error', () => {
    expect(parseDecimalToMinor('12.50')).toBe(1250);
    expect(parseDecimalToMinor('12.5')).toBe(1250);
    expect(parseDecimalToMinor('12')).toBe(1200);
    expect(parseDecimalToMinor('0.29')).toBe(29);
    expect(parseDecimalToMinor('-0.05')).toBe(-5);
    expect(parseDecimalToMinor(' 3.10 ')).toBe(310);
    expect(parseDecimalToMinor('1500', 0)).toBe(1500);
    expect(parseDecimalToMinor('1.234', 3)).toBe(1234);
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => parseDecimalToMinor('12.505')).toThrow(/more than 2 decimal/);
    expect(() => parseDecimalToMinor('12.0', 0)).toThrow(/decimals/);
  });

  it('refuses garbage, exponents and half-written numbers', () => {
    for (const text of ['', 'abc', '1e3', '12.', '.5', '12,50', '£12', '1.2.3', 'NaN', 'Infinity', '--1']) {
      expect(() => parseDecimalToMinor(text)).toThrow(Error);
    }
  });

  it('refuses an amount too large to hold exactly', () => {
    expect(() => parseDecimalToMinor('999999999999999999')).toThrow(/too large/);
  });
});

describe('formatMinor', () => {
  it('writes minor units as decimal text', () => {
    expect(formatMinor(1250)).toBe('12.50');
    expect(formatMinor(-5)).toBe('-0.05');
    expect(formatMinor(0)).toBe('0.00');
    expect(formatMinor(7)).toBe('0.07');
    expect(formatMinor(1500, 0)).toBe('1500');
  });

  it('refuses a non-integer amount', () => {
    expect(() => formatMinor(12.5)).toThrow();
  });

  it('round-trips through parseDecimalToMinor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 3 }),
        (minor, decimals) => {
          expect(parseDecimalToMinor(formatMinor(minor, decimals), decimals)).toBe(minor);
        },
      ),
    );
  });
});
