/**
 * The register's cart as plain data with pure operations, so the page and its tests agree. Totals come
 * from the same `computeSaleTotals` the server runs; the server's figure is the one recorded.
 */
import { computeSaleTotals, type SaleTotals } from '../../../src/core/sale-totals.ts';
import { newId } from '../../../src/shared/ids.ts';
import type { Approval, Discount, SaleInput, TenderMethod, VariantView } from '../api/types.ts';

export interface MiscItem {
  description: string;
  priceMinor: number;
  taxRateBp: number;
}

export interface CartLine {
  id: string;
  variant: VariantView | null;
  misc: MiscItem | null;
  quantity: number;
  discount: Discount | null;
}

export interface Cart {
  /** Born with the cart, so a retried or double-pressed payment records one sale. */
  saleId: string;
  lines: CartLine[];
  cartDiscount: Discount | null;
  approval: Approval | null;
}

export const emptyCart = (): Cart => ({
  saleId: newId('sale'),
  lines: [],
  cartDiscount: null,
  approval: null,
});

/** Scanning the same item again adds one to its line rather than a new line. */
export function addVariant(cart: Cart, variant: VariantView, quantity = 1): Cart {
  const existing = cart.lines.find((line) => line.variant?.id === variant.id && !line.discount);
  if (existing) return setQuantity(cart, existing.id, existing.quantity + quantity);
  const line: CartLine = { id: newId('line'), variant, misc: null, quantity, discount: null };
  return { ...cart, lines: [...cart.lines, line] };
}

export function addMisc(cart: Cart, misc: MiscItem): Cart {
  const line: CartLine = { id: newId('line'), variant: null, misc, quantity: 1, discount: null };
  return { ...cart, lines: [...cart.lines, line] };
}

/** Quantity 0 or less removes the line. */
export function setQuantity(cart: Cart, lineId: string, quantity: number): Cart {
  if (quantity <= 0) return { ...cart, lines: cart.lines.filter((line) => line.id !== lineId) };
  return { ...cart, lines: cart.lines.map((line) => (line.id === lineId ? { ...line, quantity } : line)) };
}

export function setLineDiscount(cart: Cart, lineId: string, discount: Discount | null): Cart {
  return { ...cart, lines: cart.lines.map((line) => (line.id === lineId ? { ...line, discount } : line)) };
}

export const lineDescription = (line: CartLine): string =>
  line.variant
    ? line.variant.title && line.variant.title !== 'Default'
      ? `${line.variant.productName} — ${line.variant.title}`
      : line.variant.productName
    : (line.misc?.description ?? '');

export const unitPriceOf = (line: CartLine): number => line.variant?.priceMinor ?? line.misc?.priceMinor ?? 0;
const taxRateOf = (line: CartLine): number => line.variant?.taxRateBp ?? line.misc?.taxRateBp ?? 0;

export function cartTotals(cart: Cart, pricesIncludeTax: boolean): SaleTotals {
  return computeSaleTotals({
    lines: cart.lines.map((line) => ({
      unitPriceMinor: unitPriceOf(line),
      quantity: line.quantity,
      taxRateBp: taxRateOf(line),
      discount: line.discount,
    })),
    cartDiscount: cart.cartDiscount,
    pricesIncludeTax,
  });
}

/**
 * The largest discount in the cart as a share of what it applies to, in basis points: what a
 * cashier's limit (settings.cashierMaxDiscountBp) is compared with.
 */
export function largestDiscountBp(cart: Cart, totals: SaleTotals): number {
  let largest = 0;
  totals.lines.forEach((line) => {
    if (line.grossMinor > 0)
      largest = Math.max(largest, ceilDiv(line.lineDiscountMinor * 10_000, line.grossMinor));
  });
  const afterLineDiscounts = totals.lines.reduce((sum, l) => sum + l.grossMinor - l.lineDiscountMinor, 0);
  const cartDiscount = totals.lines.reduce((sum, l) => sum + l.cartDiscountMinor, 0);
  if (cart.cartDiscount && afterLineDiscounts > 0) {
    largest = Math.max(largest, ceilDiv(cartDiscount * 10_000, afterLineDiscounts));
  }
  return largest;
}

const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

export const hasMisc = (cart: Cart): boolean => cart.lines.some((line) => line.misc !== null);

export function toSaleInput(
  cart: Cart,
  registerId: string,
  payments: Array<{ method: TenderMethod; amountMinor: number }>,
): SaleInput {
  const sale: SaleInput = {
    id: cart.saleId,
    registerId,
    lines: cart.lines.map((line) => ({
      id: line.id,
      ...(line.variant ? { variantId: line.variant.id } : {}),
      ...(line.misc ? { misc: line.misc } : {}),
      quantity: line.quantity,
      ...(line.discount ? { discount: line.discount } : {}),
    })),
    payments,
  };
  if (cart.cartDiscount) sale.cartDiscount = cart.cartDiscount;
  if (cart.approval) sale.approval = cart.approval;
  return sale;
}

/** What is still owed after the tenders so far, and the change due when cash overpays. */
export function tenderState(
  totalMinor: number,
  tenders: Array<{ method: TenderMethod; amountMinor: number }>,
) {
  const paid = tenders.reduce((sum, t) => sum + t.amountMinor, 0);
  const cashPaid = tenders.filter((t) => t.method === 'cash').reduce((sum, t) => sum + t.amountMinor, 0);
  const remainingMinor = Math.max(0, totalMinor - paid);
  // Change only ever comes out of cash: card is charged exactly.
  const changeMinor = Math.min(Math.max(0, paid - totalMinor), cashPaid);
  return { paidMinor: paid, remainingMinor, changeMinor, complete: paid >= totalMinor };
}
