import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { isValidGtin } from '../core/gtin.ts';
import { counts, ean13, post } from './catalog-test-helpers.ts';

describeEachDatabase('catalog barcodes and uniqueness', (t) => {
  let api: TestApp;

  beforeAll(async () => {
    api = await createTestApp(t.db);
    for (const payload of [
      {
        name: 'Linen tea towel',
        taxRateBp: 2000,
        optionNames: ['Colour', 'Size'],
        variants: [
          {
            optionValues: ['Sage', 'Standard'],
            sku: 'TT-SAGE',
            barcode: ean13('501234500001'),
            priceMinor: 1250,
          },
        ],
      },
      {
        name: 'Cola 330ml',
        taxRateBp: 2000,
        variants: [{ sku: 'COLA-330', barcode: '0036000291452', priceMinor: 95 }],
      },
    ]) {
      const created = await post(api, '/api/catalog/products', payload);
      if (created.statusCode !== 201) throw new Error(created.body);
    }
  });

  it('answers 404 for an unknown barcode and 400 for one with a wrong check digit', async () => {
    const headers = await api.as('cashier');
    const unknown = await api.app.inject({
      method: 'GET',
      url: `/api/catalog/lookup?barcode=${ean13('999999999999')}`,
      headers,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('BARCODE_UNKNOWN');
    const misread = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=4006381333932',
      headers,
    });
    expect(misread.statusCode).toBe(400);
    expect(misread.json().error).toMatchObject({ code: 'BARCODE_INVALID', field: 'barcode' });
  });

  it('refuses a SKU another item has, naming that item, and writes nothing', async () => {
    const before = await counts(t.db);
    const taken = await post(api, '/api/catalog/products', {
      name: 'Other towel',
      taxRateBp: 2000,
      variants: [{ sku: 'TT-SAGE', priceMinor: 100 }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'SKU_TAKEN', field: 'variants.0.sku' });
    expect(taken.json().error.message).toContain('Linen tea towel — Sage / Standard');
    expect(await counts(t.db)).toEqual(before);
  });

  it('refuses the UPC-A form of an EAN-13 another item has, naming that item, and writes nothing', async () => {
    const before = await counts(t.db);
    const taken = await post(api, '/api/catalog/products', {
      name: 'Not cola',
      taxRateBp: 2000,
      optionNames: ['Pack'],
      variants: [
        { optionValues: ['Single'], sku: 'NOT-COLA', priceMinor: 100 },
        { optionValues: ['Six'], sku: 'NOT-COLA-2', barcode: '036000291452', priceMinor: 100 },
      ],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'BARCODE_TAKEN', field: 'variants.1.barcode' });
    expect(taken.json().error.message).toContain('Cola 330ml');
    expect(await counts(t.db)).toEqual(before);
  });

  it('refuses a barcode with a wrong check digit, naming the field, and writes nothing', async () => {
    const before = await counts(t.db);
    const bad = await post(api, '/api/catalog/products', {
      name: 'Candle',
      taxRateBp: 2000,
      variants: [{ sku: 'CANDLE', barcode: '4006381333932', priceMinor: 800 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BARCODE_INVALID', field: 'variants.0.barcode' });
    expect(await counts(t.db)).toEqual(before);
  });

  it('accepts a non-GTIN code only when it is marked internal', async () => {
    const before = await counts(t.db);
    const unmarked = await post(api, '/api/catalog/products', {
      name: 'Loose tea 100g',
      taxRateBp: 0,
      variants: [{ sku: 'TEA-100', barcode: 'SHELF-7', priceMinor: 450 }],
    });
    expect(unmarked.statusCode).toBe(400);
    expect(unmarked.json().error).toMatchObject({ code: 'BARCODE_INVALID', field: 'variants.0.barcode' });
    expect(await counts(t.db)).toEqual(before);

    const marked = await post(api, '/api/catalog/products', {
      name: 'Loose tea 100g',
      taxRateBp: 0,
      variants: [{ sku: 'TEA-100', barcode: 'SHELF-7', internalBarcode: true, priceMinor: 450 }],
    });
    expect(marked.statusCode).toBe(201);
    expect(marked.json().variants[0]).toMatchObject({ barcode: 'SHELF-7', gtin: null });
    const scan = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=SHELF-7',
      headers: await api.as('cashier'),
    });
    expect(scan.json()).toMatchObject({ sku: 'TEA-100' });
  });

  it('generates valid, distinct in-store barcodes (prefix 20) for items that have none', async () => {
    const created = await post(api, '/api/catalog/products', {
      name: 'Homemade fudge',
      taxRateBp: 0,
      optionNames: ['Flavour'],
      variants: [
        { optionValues: ['Vanilla'], generateBarcode: true, priceMinor: 300 },
        { optionValues: ['Rum'], generateBarcode: true, priceMinor: 320 },
        { optionValues: ['Salted'], priceMinor: 320 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const variants = created.json().variants as Array<{ id: string; barcode: string | null }>;
    const generated = await post(api, `/api/catalog/variants/${variants[2]!.id}/generate-barcode`, undefined);
    expect(generated.statusCode).toBe(200);
    const codes = [variants[0]!.barcode, variants[1]!.barcode, generated.json().barcode] as string[];
    expect(new Set(codes).size).toBe(3);
    for (const code of codes) {
      expect(code).toMatch(/^20[0-9]{11}$/);
      expect(isValidGtin(code)).toBe(true);
    }
    const twice = await post(api, `/api/catalog/variants/${variants[2]!.id}/generate-barcode`, undefined);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('VARIANT_HAS_BARCODE');
  });
});
