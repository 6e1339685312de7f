import { describe, expect, it } from 'vitest';
import { matchCatalogs } from './catalog-matching.ts';
import { generateInStoreGtin13 } from './gtin.ts';

const ean = (n: number) => generateInStoreGtin13('20', n);
const gtin14 = (n: number) => `0${ean(n)}`;

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
        { id: 'p1', sku: 'A', gtin: gtin14(1) },
        { id: 'p2', sku: 'B', gtin: gtin14(2) },
        { id: 'p3', sku: 'C', gtin: null },
      ],
      [
        { id: 's1', sku: 'A', barcode: ean(1) },
        { id: 's2', sku: 'A2', barcode: ean(1) },
        { id: 's3', sku: 'ZZ', barcode: gtin14(2) },
        { id: 's4', sku: 'D', barcode: '4006381333932' },
      ],
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
    );
    expect(result.matched).toEqual([]);
    expect(result.conflicts).toEqual([
      { kind: 'duplicate_sku', sku: 'X', posIds: ['p1'], shopifyIds: ['s1', 's2'] },
    ]);
  });
});
