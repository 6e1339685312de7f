/**
 * Money on the page: integer minor units in, text out, and typed text back to minor units without
 * ever going through a float. (Moves to src/core/money.ts `formatMinor` once that lands on main.)
 */
export function formatMinor(minor: number, decimals = 2): string {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

const CURRENCY_SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$', CAD: '$', AUD: '$' };

export function formatMoney(minor: number, currency = 'GBP'): string {
  const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
  return minor < 0 ? `-${symbol}${formatMinor(-minor)}` : `${symbol}${formatMinor(minor)}`;
}

/** "12.5" → 1250, "3" → 300, "0.07" → 7; null when it is not an amount. Split on the dot, no floats. */
export function parseMoneyInput(text: string, decimals = 2): number | null {
  const match = /^\s*(\d{0,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  return Number(match[1] || '0') * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
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
