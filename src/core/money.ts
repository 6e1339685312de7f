/**
 * Money crosses the edges (CSV, forms) as decimal text and lives everywhere else as integer minor
 * units. The conversion is done on the digits, never through a float, so "0.29" is 29 and not 28.
 */

const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/** "12.50" → 1250. Refuses more decimals than the currency has, exponents, and anything not a number. */
export function parseDecimalToMinor(text: string, decimals = 2): number {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an amount (write it like 12.50)`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > decimals) {
    throw new Error(
      decimals === 0
        ? `"${text}" has decimals, but this currency has none`
        : `"${text}" has more than ${decimals} decimal places`,
    );
  }
  const digits = `${whole}${fraction.padEnd(decimals, '0')}`;
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) throw new Error(`"${text}" is too large an amount`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** 1250 → "12.50", -5 → "-0.05". */
export function formatMinor(minor: number, decimals = 2): string {
  if (!Number.isSafeInteger(minor))
    throw new Error(`an amount in minor units must be an integer, got ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
