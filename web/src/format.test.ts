import { describe, expect, it } from 'vitest';
import { formatBp, formatMinor, formatMoney, parseMoneyInput, parsePercentInput } from './format.ts';

describe('money on the page', () => {
  it('formats minor units with two decimals', () => {
    expect(formatMinor(0)).toBe('0.00');
    expect(formatMinor(7)).toBe('0.07');
    expect(formatMinor(123456789)).toBe('1234567.89');
    expect(formatMinor(-250)).toBe('-2.50');
    expect(formatMoney(-250, 'GBP')).toBe('-£2.50');
  });

  it('reads typed amounts into minor units without floating point', () => {
    expect(parseMoneyInput('12.5')).toBe(1250);
    expect(parseMoneyInput('0.07')).toBe(7);
    expect(parseMoneyInput('3')).toBe(300);
    expect(parseMoneyInput('1,99')).toBe(199);
    expect(parseMoneyInput('.5')).toBe(50);
    expect(parseMoneyInput('19.999')).toBeNull();
    expect(parseMoneyInput('abc')).toBeNull();
    expect(parseMoneyInput('')).toBeNull();
    expect(parseMoneyInput('-3')).toBeNull();
  });

  it('reads and prints percentages as basis points', () => {
    expect(parsePercentInput('12.5')).toBe(1250);
    expect(parsePercentInput('101')).toBeNull();
    expect(formatBp(2000)).toBe('20%');
    expect(formatBp(1250)).toBe('12.5%');
    expect(formatBp(505)).toBe('5.05%');
  });
});
