import { describe, expect, it } from 'vitest';
import { receiptBarcodeFor, saleNumberFromReceiptCode } from './receipt-code.ts';

describe('receipt barcode', () => {
  it('round-trips a sale number through the printed code', () => {
    expect(receiptBarcodeFor(1042)).toBe('R001042');
    expect(saleNumberFromReceiptCode('R001042')).toBe(1042);
  });

  it('accepts a typed sale number and refuses anything else', () => {
    expect(saleNumberFromReceiptCode(' 17 ')).toBe(17);
    expect(saleNumberFromReceiptCode('5012345678900x')).toBeNull();
  });
});
