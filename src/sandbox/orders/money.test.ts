import { describe, expect, it } from 'vitest';
import { fromMinor, toMinor } from './money.ts';

describe('sandbox money', () => {
  it('parses decimal strings to minor units without floats', () => {
    expect([toMinor('12.50'), toMinor('12.5'), toMinor('0.07'), toMinor('3'), toMinor('-1.25')]).toEqual([
      1250, 1250, 7, 300, -125,
    ]);
  });
  it("prints Shopify's decimal form with at least one fractional digit", () => {
    expect([fromMinor(1500), fromMinor(1250), fromMinor(1234), fromMinor(7), fromMinor(0)]).toEqual([
      '15.0',
      '12.5',
      '12.34',
      '0.07',
      '0.0',
    ]);
  });
});
