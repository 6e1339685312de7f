import { describe, expect, it } from 'vitest';
import type { VariantView } from '../api/types.ts';
import {
  addMisc,
  addVariant,
  cartTotals,
  emptyCart,
  largestDiscountBp,
  setLineDiscount,
  setQuantity,
  tenderState,
  toSaleInput,
} from './cart.ts';

const mug: VariantView = {
  id: 'var_mug',
  productId: 'prd_mug',
  productName: 'Mug',
  title: 'Default',
  sku: 'MUG',
  barcode: '5012345678900',
  gtin: '05012345678900',
  priceMinor: 1000,
  costMinor: 400,
  taxRateBp: 2000,
  optionValues: [],
  lowStockThreshold: null,
  active: true,
};

describe('register cart', () => {
  it('adds one to the existing line when the same item is scanned again', () => {
    const cart = addVariant(addVariant(emptyCart(), mug), mug);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]?.quantity).toBe(2);
  });

  it('removes a line whose quantity is set to zero', () => {
    const cart = addVariant(emptyCart(), mug);
    expect(setQuantity(cart, cart.lines[0]!.id, 0).lines).toHaveLength(0);
  });

  it('totals tax-inclusive prices with the shared sale totals', () => {
    const cart = addVariant(emptyCart(), mug, 3);
    const totals = cartTotals(cart, true);
    expect(totals.totalMinor).toBe(3000);
    expect(totals.taxMinor).toBe(500);
  });

  it('measures the largest discount against the cashier limit in basis points', () => {
    let cart = addVariant(emptyCart(), mug, 2);
    cart = setLineDiscount(cart, cart.lines[0]!.id, { kind: 'amount', amountMinor: 300 });
    expect(largestDiscountBp(cart, cartTotals(cart, true))).toBe(1500);
    cart = { ...cart, cartDiscount: { kind: 'percent', basisPoints: 2500 } };
    expect(largestDiscountBp(cart, cartTotals(cart, true))).toBe(2500);
  });

  it('sends the cart with its client ids, misc lines flagged by shape', () => {
    const cart = addMisc(addVariant(emptyCart(), mug), {
      description: 'Gift wrap',
      priceMinor: 250,
      taxRateBp: 0,
    });
    const sale = toSaleInput(cart, 'reg_1', [{ method: 'cash', amountMinor: 1250 }]);
    expect(sale.id).toMatch(/^sale_/);
    expect(sale.lines[0]).toEqual({ id: cart.lines[0]!.id, variantId: 'var_mug', quantity: 1 });
    expect(sale.lines[1]).toMatchObject({
      misc: { description: 'Gift wrap', priceMinor: 250, taxRateBp: 0 },
    });
  });

  it('gives change only out of cash in a split tender', () => {
    expect(tenderState(2500, [{ method: 'card', amountMinor: 1000 }])).toMatchObject({
      remainingMinor: 1500,
      complete: false,
    });
    expect(
      tenderState(2500, [
        { method: 'card', amountMinor: 1000 },
        { method: 'cash', amountMinor: 2000 },
      ]),
    ).toEqual({ paidMinor: 3000, remainingMinor: 0, changeMinor: 500, complete: true });
  });
});
