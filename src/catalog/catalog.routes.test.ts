import { expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { counts, ean13, post } from './catalog-test-helpers.ts';

describeEachDatabase('catalog routes', (t) => {
  let api: TestApp;

  it('creates a product with colour and size variants and reads it back', async () => {
    api = await createTestApp(t.db);
    const created = await post(api, '/api/catalog/products', {
      name: 'Linen tea towel',
      description: 'Printed in Leeds',
      taxRateBp: 2000,
      optionNames: ['Colour', 'Size'],
      variants: [
        {
          optionValues: ['Sage', 'Standard'],
          sku: 'TT-SAGE',
          barcode: ean13('501234500001'),
          priceMinor: 1250,
        },
        {
          optionValues: ['Ochre', 'Large'],
          sku: 'TT-OCHRE-L',
          priceMinor: 1450,
          costMinor: 600,
          lowStockThreshold: 3,
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const product = created.json();
    expect(product).toMatchObject({
      name: 'Linen tea towel',
      taxRateBp: 2000,
      optionNames: ['Colour', 'Size'],
      active: true,
    });
    expect(product.variants).toHaveLength(2);
    expect(product.variants[0]).toMatchObject({
      productId: product.id,
      productName: 'Linen tea towel',
      title: 'Sage / Standard',
      sku: 'TT-SAGE',
      barcode: ean13('501234500001'),
      gtin: `0${ean13('501234500001')}`,
      priceMinor: 1250,
      costMinor: null,
      taxRateBp: 2000,
      optionValues: ['Sage', 'Standard'],
      active: true,
    });
    expect(product.variants[1]).toMatchObject({
      title: 'Ochre / Large',
      barcode: null,
      costMinor: 600,
      lowStockThreshold: 3,
    });

    const again = await api.app.inject({
      method: 'GET',
      url: `/api/catalog/products/${product.id}`,
      headers: await api.as('cashier'),
    });
    expect(again.json()).toEqual(product);
    const search = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/variants?q=tt-ochre',
      headers: await api.as('cashier'),
    });
    expect(search.json().items.map((v: { sku: string }) => v.sku)).toEqual(['TT-OCHRE-L']);
    const byName = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/products?q=TEA%20towel',
      headers: await api.as('cashier'),
    });
    expect(byName.json().items.map((p: { id: string }) => p.id)).toEqual([product.id]);
  });

  it('finds an item saved as an EAN-13 when its UPC-A (or UPC-E) form is scanned or searched', async () => {
    const created = await post(api, '/api/catalog/products', {
      name: 'Cola 330ml',
      taxRateBp: 2000,
      variants: [{ sku: 'COLA-330', barcode: '0036000291452', priceMinor: 95 }],
    });
    expect(created.statusCode).toBe(201);
    const cashier = await api.as('cashier');
    const upcA = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=036000291452',
      headers: cashier,
    });
    expect(upcA.statusCode).toBe(200);
    expect(upcA.json()).toMatchObject({
      sku: 'COLA-330',
      gtin: '00036000291452',
      priceMinor: 95,
      title: 'Default',
    });

    await post(api, '/api/catalog/products', {
      name: 'Gum',
      taxRateBp: 2000,
      variants: [{ sku: 'GUM', barcode: '042100005264', priceMinor: 60 }],
    });
    const upcE = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=04252614',
      headers: cashier,
    });
    expect(upcE.json()).toMatchObject({ sku: 'GUM', gtin: '00042100005264' });
    const search = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/variants?q=036000291452',
      headers: cashier,
    });
    expect(search.json().items.map((v: { sku: string }) => v.sku)).toEqual(['COLA-330']);
  });

  it('lets a cashier look items up but refuses them creating products or changing prices', async () => {
    const before = await counts(t.db);
    const create = await post(
      api,
      '/api/catalog/products',
      { name: 'X', taxRateBp: 0, variants: [{ priceMinor: 1 }] },
      'cashier',
    );
    expect(create.statusCode).toBe(403);
    const lookup = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=036000291452',
      headers: await api.as('cashier'),
    });
    expect(lookup.statusCode).toBe(200);
    const price = await api.app.inject({
      method: 'PATCH',
      url: `/api/catalog/variants/${lookup.json().id}`,
      payload: { priceMinor: 1 },
      headers: await api.as('cashier'),
    });
    expect(price.statusCode).toBe(403);
    const anonymous = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=036000291452',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await counts(t.db)).toEqual(before);
    const after = await api.app.inject({
      method: 'GET',
      url: '/api/catalog/lookup?barcode=036000291452',
      headers: await api.as('cashier'),
    });
    expect(after.json().priceMinor).toBe(95);
  });

  it('refuses unknown fields, floats and a | inside an option, naming the field, and writes nothing', async () => {
    const before = await counts(t.db);
    const top = await post(api, '/api/catalog/products', {
      name: 'Y',
      taxRateBp: 0,
      colour: 'red',
      variants: [{ priceMinor: 1 }],
    });
    expect(top.statusCode).toBe(400);
    expect(top.json().error.field).toBe('colour');
    const nested = await post(api, '/api/catalog/products', {
      name: 'Y',
      taxRateBp: 0,
      variants: [{ priceMinor: 1, price: 2 }],
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.field).toBe('variants.0.price');
    const float = await post(api, '/api/catalog/products', {
      name: 'Y',
      taxRateBp: 0,
      variants: [{ priceMinor: 1.5 }],
    });
    expect(float.statusCode).toBe(400);
    expect(float.json().error.field).toBe('variants.0.priceMinor');
    const pipe = await post(api, '/api/catalog/products', {
      name: 'Y',
      taxRateBp: 0,
      optionNames: ['Colour|Size'],
      variants: [{ optionValues: ['Red|M'], priceMinor: 1 }],
    });
    expect(pipe.statusCode).toBe(400);
    expect(pipe.json().error.field).toBe('optionNames.0');
    expect(await counts(t.db)).toEqual(before);
  });

  it('changes a variant price and barcode, and refuses a barcode another item has', async () => {
    const headers = await api.as('manager');
    const cola = (
      await api.app.inject({ method: 'GET', url: '/api/catalog/lookup?barcode=036000291452', headers })
    ).json();
    const changed = await api.app.inject({
      method: 'PATCH',
      url: `/api/catalog/variants/${cola.id}`,
      payload: { priceMinor: 99, barcode: '5012345678900' },
      headers,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      priceMinor: 99,
      barcode: '5012345678900',
      gtin: '05012345678900',
    });
    const gum = (
      await api.app.inject({ method: 'GET', url: '/api/catalog/lookup?barcode=04252614', headers })
    ).json();
    const clash = await api.app.inject({
      method: 'PATCH',
      url: `/api/catalog/variants/${gum.id}`,
      payload: { barcode: '05012345678900', priceMinor: 1 },
      headers,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'BARCODE_TAKEN', field: 'barcode' });
    expect(clash.json().error.message).toContain('Cola 330ml');
    const unchanged = (
      await api.app.inject({ method: 'GET', url: '/api/catalog/lookup?barcode=04252614', headers })
    ).json();
    expect(unchanged.priceMinor).toBe(60);
    const product = await api.app.inject({
      method: 'PATCH',
      url: `/api/catalog/products/${cola.productId}`,
      payload: { taxRateBp: 500, active: false },
      headers,
    });
    expect(product.json()).toMatchObject({ taxRateBp: 500, active: false });
    expect(product.json().variants[0]).toMatchObject({ taxRateBp: 500, active: false });
  });

  it('adds a variant to a product, refusing one with the same options', async () => {
    const headers = await api.as('manager');
    const towel = (
      await api.app.inject({ method: 'GET', url: '/api/catalog/products?q=tea%20towel', headers })
    ).json().items[0];
    const added = await post(api, `/api/catalog/products/${towel.id}/variants`, {
      optionValues: ['Sage', 'Large'],
      priceMinor: 1450,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ productId: towel.id, title: 'Sage / Large' });
    const duplicate = await post(api, `/api/catalog/products/${towel.id}/variants`, {
      optionValues: ['Sage', 'Large'],
      priceMinor: 1,
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.code).toBe('VARIANT_DUPLICATE');
    const wrongShape = await post(api, `/api/catalog/products/${towel.id}/variants`, {
      optionValues: ['Blue'],
      priceMinor: 1,
    });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error.field).toBe('optionValues');
  });

  it('pages through every variant with a cursor, each exactly once', async () => {
    const headers = await api.as('cashier');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/catalog/variants?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await api.app.inject({ method: 'GET', url, headers })).json();
      seen.push(...page.items.map((v: { id: string }) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await counts(t.db)).variants);
  });
});
