import { expect, it } from 'vitest';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { isValidGtin } from '../core/gtin.ts';

/**
 * Requests that race: the check before insert cannot see a competing transaction, so the unique
 * indexes and the in-store allocation lock must turn races into clean answers, never a 500 or a
 * duplicate.
 */
describeEachDatabase('catalog under concurrent requests', (t) => {
  it('gives a SKU to exactly one of several simultaneous creates; the rest get 409 SKU_TAKEN', async () => {
    const api = await createTestApp(t.db);
    const headers = await api.as('manager');
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.app.inject({
          method: 'POST',
          url: '/api/catalog/products',
          headers,
          payload: { name: `Racer ${i}`, taxRateBp: 2000, variants: [{ sku: 'RACE-1', priceMinor: 100 }] },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({ code: 'SKU_TAKEN' });
    }
    const rows = await t.db.kysely
      .selectFrom('product_variants')
      .select('id')
      .where('sku', '=', 'RACE-1')
      .execute();
    expect(rows).toHaveLength(1);
    const products = await t.db.kysely
      .selectFrom('products')
      .select('id')
      .where('name', 'like', 'Racer %')
      .execute();
    expect(products).toHaveLength(1);
  });

  it('never hands out one in-store barcode twice, even to simultaneous requests', async () => {
    const api = await createTestApp(t.db);
    const headers = await api.as('manager');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.app.inject({
          method: 'POST',
          url: '/api/catalog/products',
          headers,
          payload: {
            name: `Bake ${i}`,
            taxRateBp: 0,
            variants: [{ generateBarcode: true, priceMinor: 250 }],
          },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const codes = responses.map((r) => r.json().variants[0].barcode as string);
    expect(new Set(codes).size).toBe(8);
    for (const code of codes) expect(isValidGtin(code) && code.startsWith('20')).toBe(true);
  });
});
