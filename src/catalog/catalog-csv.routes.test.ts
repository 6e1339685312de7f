import { expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import {
  createPostgresTestDatabase,
  createSqliteTestDatabase,
  describeEachDatabase,
} from '../../tests/support/test-databases.ts';
import { gtinCheckDigit } from '../core/gtin.ts';
import type { Db } from '../db/database.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { createProduct } from './create-product.service.ts';
import { seedDemoCatalog } from './demo-catalog.ts';

const ean13 = (body: string) => `${body}${gtinCheckDigit(body)}`;

const HEADER =
  'product_name,variant_title,option_names,option_values,sku,barcode,internal_barcode,price,cost,tax_rate_percent,low_stock_threshold';

async function catalogSnapshot(api: TestApp) {
  const headers = await api.as('manager');
  const products: unknown[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/catalog/products?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await api.app.inject({ method: 'GET', url, headers })).json();
    for (const p of page.items) {
      products.push({
        name: p.name,
        taxRateBp: p.taxRateBp,
        optionNames: p.optionNames,
        variants: p.variants.map((v: Record<string, unknown>) => {
          const { id: _id, productId: _productId, ...rest } = v;
          return rest;
        }),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return products;
}

async function importCsv(api: TestApp, csv: string) {
  return api.app.inject({
    method: 'POST',
    url: '/api/catalog/import',
    payload: csv,
    headers: { ...(await api.as('manager')), 'content-type': 'text/csv' },
  });
}

async function variantCount(db: Db) {
  const row = await db.kysely
    .selectFrom('product_variants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDatabase('catalog CSV import and export', (t) => {
  it('round-trips: an export imported into a fresh database gives the same catalogue', async () => {
    const deps = { clock: systemClock, newId };
    await seedDemoCatalog(t.db.kysely, deps);
    await t.db.kysely.transaction().execute((trx) =>
      createProduct(trx, deps, {
        name: 'Loose tea, "Earl Grey", 100g',
        taxRateBp: 0,
        optionNames: ['Grade'],
        variants: [
          {
            optionValues: ['Fine / leaf'],
            sku: 'TEA-EG',
            barcode: 'SHELF-9',
            internalBarcode: true,
            priceMinor: 450,
          },
          { optionValues: ['Dust'], priceMinor: 300, generateBarcode: true },
        ],
      }),
    );
    const source = await createTestApp(t.db);
    const exported = await source.app.inject({
      method: 'GET',
      url: '/api/catalog/export.csv',
      headers: await source.as('cashier'),
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.body.split('\n')[0]).toBe(HEADER);

    const fresh =
      t.test.connection.dialect === 'sqlite'
        ? await createSqliteTestDatabase()
        : await createPostgresTestDatabase();
    try {
      const target = await createTestApp(fresh.db);
      const imported = await importCsv(target, exported.body);
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toEqual({ created: await variantCount(t.db), updated: 0, unchanged: 0 });
      expect(await catalogSnapshot(target)).toEqual(await catalogSnapshot(source));

      const again = await importCsv(target, exported.body);
      expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: await variantCount(t.db) });
      expect(await catalogSnapshot(target)).toEqual(await catalogSnapshot(source));
    } finally {
      await fresh.drop();
    }
  });

  it('updates by SKU and adds new variants to the product of the same name', async () => {
    const api = await createTestApp(t.db);
    const csv = [
      HEADER,
      'Scented candle,Fig,Scent,Fig,SCENTED-CANDLE-FIG,,,19.50,7.00,20,2',
      'Scented candle,Rose,Scent,Rose,SCENTED-CANDLE-ROSE,,,18.00,,20,',
    ].join('\n');
    const result = await importCsv(api, csv);
    expect(result.json()).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const candles = (
      await api.app.inject({
        method: 'GET',
        url: '/api/catalog/products?q=scented%20candle',
        headers: await api.as('cashier'),
      })
    ).json().items;
    expect(candles).toHaveLength(1);
    const variants = candles[0].variants as Array<{
      sku: string;
      priceMinor: number;
      costMinor: number;
      title: string;
    }>;
    expect(variants.map((v) => v.title)).toEqual(['Fig', 'Cedar', 'Lavender', 'Rose']);
    expect(variants[0]).toMatchObject({ priceMinor: 1950, costMinor: 700 });
  });

  it('refuses a file with bad rows whole, reporting every bad row, and imports nothing', async () => {
    const api = await createTestApp(t.db);
    const before = await variantCount(t.db);
    const csv = [
      HEADER,
      'Good new thing,,,,GOOD-1,,,1.00,,20,',
      'Bad price,,,,BAD-1,,,12.505,,20,',
      'Bad barcode,,,,BAD-2,4006381333932,,1.00,,20,',
      `Taken barcode,,,,BAD-3,${ean13('506012300001')},,1.00,,20,`,
      ',,,,BAD-4,,,1.00,,20,',
      'Twice,,,,GOOD-1,,,1.00,,20,',
      'Options,,Size,,BAD-6,,,1.00,,20,',
    ].join('\n');
    const refused = await importCsv(api, csv);
    expect(refused.statusCode).toBe(400);
    const error = refused.json().error;
    expect(error.code).toBe('CSV_INVALID');
    expect(error.details.rows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, 'price'],
      [4, 'barcode'],
      [5, 'barcode'],
      [6, 'product_name'],
      [7, 'sku'],
      [8, 'option_values'],
    ]);
    expect(error.details.rows[2].message).toContain('Sourdough loaf');
    expect(await variantCount(t.db)).toBe(before);
  });

  it('refuses unknown columns and a cashier, writing nothing', async () => {
    const api = await createTestApp(t.db);
    const before = await variantCount(t.db);
    const unknown = await importCsv(api, `${HEADER},colour\nThing,,,,X-1,,,1.00,,20,,red`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.rows).toEqual([
      { row: 1, field: 'colour', message: 'unknown column "colour"' },
    ]);
    const cashier = await api.app.inject({
      method: 'POST',
      url: '/api/catalog/import',
      payload: `${HEADER}\nThing,,,,X-1,,,1.00,,20,`,
      headers: { ...(await api.as('cashier')), 'content-type': 'text/csv' },
    });
    expect(cashier.statusCode).toBe(403);
    expect(await variantCount(t.db)).toBe(before);
  });
});
