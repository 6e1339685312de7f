/** Decimal strings ↔ integer minor units (two decimals), without floats. Pure. */
export function toMinor(amount: string | number): number {
  const text = String(amount).trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return 0;
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole || '0') * 100 + Number(`${fraction}00`.slice(0, 2));
  return sign ? -cents : cents;
}

/** Shopify's Decimal: at least one fractional digit, no trailing zeros beyond it ("15.0", "12.5", "12.34"). */
export function fromMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents.endsWith('0') ? cents[0] : cents}`;
}

export function moneyBag(minor: number, currencyCode: string) {
  const money = { amount: fromMinor(minor), currencyCode };
  return { shopMoney: money, presentmentMoney: money };
}
