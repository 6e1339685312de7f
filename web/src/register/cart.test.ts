import { describe, expect, it } from 'vitest';
import type { VariantView } from '../api/types.ts';
import {
  addMisc,
  addVariant,
  approvalNeeded,
  cartTotals,
  discountOverLimit,
  emptyCart,
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

  it('finds a cashier discount past the limit the way the server does, line by line', () => {
    let cart = addVariant(emptyCart(), mug, 2);
    cart = setLineDiscount(cart, cart.lines[0]!.id, { kind: 'amount', amountMinor: 200 });
    expect(discountOverLimit(cartTotals(cart, true), 1000)).toBe(false);
    cart = setLineDiscount(cart, cart.lines[0]!.id, { kind: 'amount', amountMinor: 201 });
    expect(discountOverLimit(cartTotals(cart, true), 1000)).toBe(true);
    cart = {
      ...setLineDiscount(cart, cart.lines[0]!.id, null),
      cartDiscount: { kind: 'percent', basisPoints: 1000 },
    };
    expect(discountOverLimit(cartTotals(cart, true), 1000)).toBe(false);
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
    expect(tenderState(2500, [{ method: 'card', amountMinor: 3000 }]).complete).toBe(false);
  });

  it('asks for a manager for a cashier over the limit or a misc line under a PIN rule, never for a manager', () => {
    let cart = addVariant(emptyCart(), mug);
    cart = setLineDiscount(cart, cart.lines[0]!.id, { kind: 'percent', basisPoints: 5000 });
    const totals = cartTotals(cart, true);
    const cashier = { miscPolicy: 'on' as const, sellerMayApprove: false, cashierMaxDiscountBp: 1000 };
    expect(approvalNeeded(cart, totals, cashier)).toContain('Discounts over 10%');
    expect(approvalNeeded(cart, totals, { ...cashier, sellerMayApprove: true })).toBeNull();
    const misc = addMisc(emptyCart(), { description: 'Repair', priceMinor: 500, taxRateBp: 2000 });
    const miscTotals = cartTotals(misc, true);
    expect(approvalNeeded(misc, miscTotals, { ...cashier, miscPolicy: 'manager_pin' })).toContain('Misc');
    expect(approvalNeeded(misc, miscTotals, cashier)).toBeNull();
  });
});
