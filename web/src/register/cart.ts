/**
 * The register's cart as plain data with pure operations, so the page and its tests agree. Totals come
 * from the same `computeSaleTotals` the server runs; the server's figure is the one recorded.
 */

import { type MiscSalesPolicy, miscSaleDecision } from '../../../src/core/misc-sale-policy.ts';
import {
  BASIS_POINTS,
  computeSaleTotals,
  mulDivRoundHalfUp,
  type SaleTotals,
} from '../../../src/core/sale-totals.ts';
import { cashTender, type Tender } from '../../../src/core/tenders.ts';
import { newId } from '../../../src/shared/ids.ts';
import type { Approval, Discount, SaleInput, VariantView } from '../api/types.ts';

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
 * Whether a cashier's discounts go past their limit: the server's rule, line by line, each line's
 * discounts against what the limit's own percentage would take off its gross (rounded the same way).
 */
export function discountOverLimit(totals: SaleTotals, maxDiscountBp: number): boolean {
  return totals.lines.some(
    (line) =>
      line.lineDiscountMinor + line.cartDiscountMinor >
      mulDivRoundHalfUp(line.grossMinor, maxDiscountBp, BASIS_POINTS),
  );
}

export const hasMisc = (cart: Cart): boolean => cart.lines.some((line) => line.misc !== null);

/** Why this cart needs a manager's PIN before the server will take it (null: it does not). */
export function approvalNeeded(
  cart: Cart,
  totals: SaleTotals,
  rules: { miscPolicy: MiscSalesPolicy; sellerMayApprove: boolean; cashierMaxDiscountBp: number },
): string | null {
  if (hasMisc(cart) && miscSaleDecision(rules.miscPolicy, rules.sellerMayApprove) === 'needs_approval') {
    return 'Misc items need a manager’s approval.';
  }
  if (!rules.sellerMayApprove && discountOverLimit(totals, rules.cashierMaxDiscountBp)) {
    return `Discounts over ${rules.cashierMaxDiscountBp / 100}% need a manager’s approval.`;
  }
  return null;
}

export function toSaleInput(cart: Cart, registerId: string, payments: Tender[]): SaleInput {
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

/** What is still owed after the tenders so far, and the change due, by the server's tender rules. */
export function tenderState(totalMinor: number, tenders: readonly Tender[]) {
  const paidMinor = tenders.reduce((sum, t) => sum + t.amountMinor, 0);
  const result = cashTender(totalMinor, tenders);
  return {
    paidMinor,
    remainingMinor: Math.max(0, totalMinor - paidMinor),
    changeMinor: result.ok ? result.changeMinor : 0,
    complete: result.ok,
  };
}
