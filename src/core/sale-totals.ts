/**
 * Sale totals: the one pure computation the till page and the server both run. The page shows its
 * figure at once; the server recomputes from the catalog's prices and records its own figure.
 *
 * Rules (all integer arithmetic, no floats; money in minor units, rates in basis points):
 * - gross = unit price × quantity.
 * - A line discount is an amount or a percentage of the line's gross, never more than the gross.
 * - A cart discount applies to what the lines come to after their own discounts (never more), and is
 *   apportioned across the lines by largest remainder so the parts sum to it exactly.
 * - Tax per line, rounded half-up:
 *     prices include tax → tax = round(total × rate / (10000 + rate)), net = total − tax
 *     prices exclude tax → tax = round(net × rate / 10000),           total = net + tax
 * - Sale figures are sums of line figures, so nothing is lost or invented by rounding.
 */
export type Discount = { kind: 'amount'; amountMinor: number } | { kind: 'percent'; basisPoints: number };

export interface TotalsLineInput {
  unitPriceMinor: number;
  quantity: number;
  taxRateBp: number;
  discount?: Discount | null;
}

export interface TotalsLine {
  grossMinor: number;
  lineDiscountMinor: number;
  cartDiscountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface SaleTotals {
  lines: TotalsLine[];
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxBreakdown: Array<{ rateBp: number; netMinor: number; taxMinor: number }>;
}

export const BASIS_POINTS = 10_000;

export function computeSaleTotals(input: {
  lines: TotalsLineInput[];
  cartDiscount?: Discount | null;
  pricesIncludeTax: boolean;
}): SaleTotals {
  for (const line of input.lines) {
    requireNonNegativeInteger(line.unitPriceMinor, 'unitPriceMinor');
    requireNonNegativeInteger(line.quantity, 'quantity');
    requireNonNegativeInteger(line.taxRateBp, 'taxRateBp');
  }
  const grosses = input.lines.map((line) => line.unitPriceMinor * line.quantity);
  const lineDiscounts = input.lines.map((line, i) => discountOf(grosses[i]!, line.discount));
  const afterLineDiscounts = grosses.map((gross, i) => gross - lineDiscounts[i]!);
  const cartDiscount = discountOf(sum(afterLineDiscounts), input.cartDiscount);
  const cartShares = apportion(cartDiscount, afterLineDiscounts);

  const lines = input.lines.map((line, i): TotalsLine => {
    const discounted = afterLineDiscounts[i]! - cartShares[i]!;
    const rate = line.taxRateBp;
    let netMinor: number;
    let taxMinor: number;
    let totalMinor: number;
    if (input.pricesIncludeTax) {
      totalMinor = discounted;
      taxMinor = mulDivRoundHalfUp(discounted, rate, BASIS_POINTS + rate);
      netMinor = totalMinor - taxMinor;
    } else {
      netMinor = discounted;
      taxMinor = mulDivRoundHalfUp(discounted, rate, BASIS_POINTS);
      totalMinor = netMinor + taxMinor;
    }
    return {
      grossMinor: grosses[i]!,
      lineDiscountMinor: lineDiscounts[i]!,
      cartDiscountMinor: cartShares[i]!,
      netMinor,
      taxMinor,
      totalMinor,
    };
  });

  return {
    lines,
    subtotalMinor: sum(lines.map((l) => l.grossMinor)),
    discountMinor: sum(lines.map((l) => l.lineDiscountMinor + l.cartDiscountMinor)),
    taxMinor: sum(lines.map((l) => l.taxMinor)),
    totalMinor: sum(lines.map((l) => l.totalMinor)),
    taxBreakdown: breakdownByRate(input.lines, lines),
  };
}

/** What a discount takes off `base`: never negative, never more than the base. */
export function discountOf(base: number, discount: Discount | null | undefined): number {
  if (!discount) return 0;
  if (discount.kind === 'amount') {
    requireNonNegativeInteger(discount.amountMinor, 'amountMinor');
    return Math.min(discount.amountMinor, base);
  }
  requireNonNegativeInteger(discount.basisPoints, 'basisPoints');
  return Math.min(mulDivRoundHalfUp(base, discount.basisPoints, BASIS_POINTS), base);
}

/**
 * Splits `amount` (≤ Σ weights) across the weights in proportion, by largest remainder: each part is
 * floor(amount × w / W), and the units left over go to the largest remainders (earlier line on a tie).
 * The parts sum to `amount` exactly and no part exceeds its weight.
 */
export function apportion(amount: number, weights: readonly number[]): number[] {
  const total = sum(weights);
  if (amount === 0 || total === 0) return weights.map(() => 0);
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const parts = weights.map((w) => Number((big * BigInt(w)) / bigTotal));
  const remainders = weights.map((w, index) => ({ index, rest: (big * BigInt(w)) % bigTotal }));
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  let left = amount - sum(parts);
  for (const { index } of remainders) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

/** round(a × b / c) half-up, exact for any safe integers (BigInt inside, so a × b may exceed 2^53). */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  const numerator = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  return Number(remainder * 2n >= divisor ? quotient + 1n : quotient);
}

function breakdownByRate(inputs: readonly TotalsLineInput[], lines: readonly TotalsLine[]) {
  const byRate = new Map<number, { rateBp: number; netMinor: number; taxMinor: number }>();
  inputs.forEach((input, i) => {
    const line = lines[i]!;
    const entry = byRate.get(input.taxRateBp) ?? { rateBp: input.taxRateBp, netMinor: 0, taxMinor: 0 };
    entry.netMinor += line.netMinor;
    entry.taxMinor += line.taxMinor;
    byRate.set(input.taxRateBp, entry);
  });
  return [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function requireNonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative whole number, got ${value}`);
  }
}
