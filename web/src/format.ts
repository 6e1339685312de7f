/**
 * Money on the page: the shared core does the arithmetic-free conversions (integer minor units in,
 * text out, typed text back without a float); this file adds what only a page needs.
 */
import { formatMinor, parseDecimalToMinor } from '../../src/core/money.ts';

export { formatMinor };

const CURRENCY_SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$', CAD: '$', AUD: '$' };

export function formatMoney(minor: number, currency = 'GBP'): string {
  const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
  return minor < 0 ? `-${symbol}${formatMinor(-minor)}` : `${symbol}${formatMinor(minor)}`;
}

/** "12.5" → 1250, "3" → 300, "1,99" → 199; null when it is not a non-negative amount. */
export function parseMoneyInput(text: string, decimals = 2): number | null {
  const typed = text.trim().replace(',', '.');
  try {
    const minor = parseDecimalToMinor(typed.startsWith('.') ? `0${typed}` : typed, decimals);
    return minor < 0 ? null : minor;
  } catch {
    return null;
  }
}

/** Basis points as a percentage for people: 2000 → "20%", 1250 → "12.5%". */
export function formatBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}%` : `${whole}%`;
}

/** "12.5" → 1250 basis points; null when not a percentage between 0 and 100. */
export function parsePercentInput(text: string): number | null {
  const bp = parseMoneyInput(text, 2);
  return bp === null || bp > 10_000 ? null : bp;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
