import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit } from '../../core/gtin.ts';
import type { VariantView } from '../catalog.repository.ts';
import { CATALOG_CSV_COLUMNS, toCsvRecord } from './catalog-csv-format.ts';
import { readCatalogCsv } from './read-catalog-csv.ts';

// Text a shop might type: commas, quotes, accents, emoji; never `|` (the list separator, refused by
// the API) and never blank after trimming.
const text = fc
  .string({
    unit: fc.constantFrom('a', 'B', ' ', ',', '"', "'", 'é', '€', '🍵', '/', '-', '1'),
    minLength: 1,
    maxLength: 12,
  })
  .map((s) => s.trim())
  .filter((s) => s !== '');

const variant = fc.record({
  productName: text,
  optionNames: fc.uniqueArray(text, { maxLength: 3 }),
  sku: fc.option(fc.stringMatching(/^[A-Z0-9-]{1,12}$/), { nil: null }),
  barcode: fc.oneof(
    fc.constant(null),
    fc
      .stringMatching(/^[0-9]{12}$/)
      .map((body) => ({ code: `${body}${gtinCheckDigit(body)}`, internal: false })),
    fc.stringMatching(/^[A-Z]{2}-[0-9]{1,6}$/).map((code) => ({ code, internal: true })),
  ),
  priceMinor: fc.integer({ min: 0, max: 10_000_000 }),
  costMinor: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  taxRateBp: fc.integer({ min: 0, max: 10_000 }),
  lowStockThreshold: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
});

describe('catalogue CSV format', () => {
  it('reads back every field it writes, whatever the text holds', () => {
    fc.assert(
      fc.property(variant, fc.array(text, { minLength: 3, maxLength: 3 }), (v, values) => {
        const optionValues = values.slice(0, v.optionNames.length);
        const view: VariantView = {
          id: 'var_x',
          productId: 'prd_x',
          productName: v.productName,
          title: optionValues.join(' / ') || 'Default',
          sku: v.sku,
          barcode: v.barcode?.code ?? null,
          gtin: v.barcode && !v.barcode.internal ? `0${v.barcode.code}` : null,
          priceMinor: v.priceMinor,
          costMinor: v.costMinor,
          taxRateBp: v.taxRateBp,
          optionValues,
          lowStockThreshold: v.lowStockThreshold,
          active: true,
        };
        const csv = stringify([toCsvRecord(view, v.optionNames)], {
          header: true,
          columns: [...CATALOG_CSV_COLUMNS],
        });
        const { rows, errors } = readCatalogCsv(csv);
        expect(errors).toEqual([]);
        expect(rows[0]).toMatchObject({
          productName: v.productName,
          optionNames: v.optionNames,
          optionValues,
          sku: v.sku,
          priceMinor: v.priceMinor,
          costMinor: v.costMinor,
          taxRateBp: v.taxRateBp,
          lowStockThreshold: v.lowStockThreshold,
        });
        expect(rows[0]!.barcode?.barcode ?? null).toBe(view.barcode);
        expect(rows[0]!.barcode?.key ?? null).toBe(
          v.barcode ? (v.barcode.internal ? `int:${v.barcode.code}` : `0${v.barcode.code}`) : null,
        );
      }),
    );
  });

  it('names the row and the field of every problem, counting the header as row 1', () => {
    const csv = 'product_name,price,tax_rate_percent,barcode,internal_barcode\nA,1.00,20,,\nB,1,101,,maybe\n';
    expect(readCatalogCsv(csv).errors).toEqual([
      { row: 3, field: 'internal_barcode', message: 'internal_barcode must be true or false' },
      { row: 3, field: 'tax_rate_percent', message: 'tax_rate_percent is at most 100' },
    ]);
  });

  it('reports a malformed file instead of throwing', () => {
    const { errors } = readCatalogCsv('product_name,price,tax_rate_percent\n"unclosed,1.00,20\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('(file)');
  });
});
