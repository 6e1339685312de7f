import { describe, expect, it } from 'vitest';
import { matchCatalogs, type NormalisedBarcode } from './catalog-matching.ts';

// A stand-in normaliser for these tests: 12- or 13-digit codes pad to 14, "BAD…" is invalid.
const normalise = (raw: string): NormalisedBarcode =>
  /^\d{12,14}$/.test(raw)
    ? { kind: 'gtin', gtin14: raw.padStart(14, '0') }
    : raw.startsWith('BAD')
      ? { kind: 'invalid' }
      : { kind: 'none' };

describe('first-sync matching', () => {
  it('matches by barcode first (a UPC-A on Shopify meets its EAN-13 in the POS), then by SKU', () => {
    const result = matchCatalogs(
      [
        { id: 'p1', sku: 'MUG', gtin: '00036000291452' },
        { id: 'p2', sku: 'TEA', gtin: null },
      ],
      [
        { id: 's1', sku: null, barcode: '036000291452' },
        { id: 's2', sku: 'TEA', barcode: null },
      ],
      normalise,
    );
    expect(result.matched).toEqual([
      { posId: 'p1', shopifyId: 's1', by: 'barcode' },
      { posId: 'p2', shopifyId: 's2', by: 'sku' },
    ]);
    expect(result.posOnly).toEqual([]);
    expect(result.shopifyOnly).toEqual([]);
  });

  it('reports duplicate and invalid barcodes and SKU disagreements as conflicts, never links them', () => {
    const result = matchCatalogs(
      [
        { id: 'p1', sku: 'A', gtin: '00000000000017' },
        { id: 'p2', sku: 'B', gtin: '00000000000024' },
        { id: 'p3', sku: 'C', gtin: null },
      ],
      [
        { id: 's1', sku: 'A', barcode: '0000000000017' },
        { id: 's2', sku: 'A2', barcode: '0000000000017' },
        { id: 's3', sku: 'ZZ', barcode: '00000000000024' },
        { id: 's4', sku: 'D', barcode: 'BAD-CODE' },
      ],
      normalise,
    );
    expect(result.matched).toEqual([]);
    expect(result.conflicts.map((c) => c.kind).sort()).toEqual([
      'barcode_match_sku_differs',
      'duplicate_barcode_shopify',
      'invalid_barcode_shopify',
    ]);
    expect(result.posOnly).toEqual(['p3']);
    expect(result.shopifyOnly).toEqual(['s4']);
  });

  it('refuses to guess when a SKU is shared by several variants', () => {
    const result = matchCatalogs(
      [{ id: 'p1', sku: 'X', gtin: null }],
      [
        { id: 's1', sku: 'X', barcode: null },
        { id: 's2', sku: 'X', barcode: null },
      ],
      normalise,
    );
    expect(result.matched).toEqual([]);
    expect(result.conflicts).toEqual([
      { kind: 'duplicate_sku', sku: 'X', posIds: ['p1'], shopifyIds: ['s1', 's2'] },
    ]);
  });
});
