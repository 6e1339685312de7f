import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/test-databases.ts';
import { type BadInputShop, openBadInputShop } from './bad-input-shop.ts';
import { LITERAL_TEXT_CASES } from './literal-text-cases.ts';
import { changedTables, snapshotState } from './state-snapshot.ts';

describeEachDatabase('bad input: code-like text is stored and searched literally', (t) => {
  let shop: BadInputShop;
  beforeAll(async () => {
    shop = await openBadInputShop(t.db);
  }, 60_000);

  it.each(LITERAL_TEXT_CASES.map((row, i) => [row.case, row, i] as const))(
    'POST /api/catalog/products: %s',
    async (_, row, i) => {
      const sku = `${row.name.slice(0, 40)}-${i}`;
      const before = await snapshotState(t.db);
      const created = await shop.app.inject({
        method: 'POST',
        url: '/api/catalog/products',
        headers: { cookie: shop.cookies.manager },
        payload: { name: row.name, taxRateBp: 0, variants: [{ sku, priceMinor: 100 }] },
      });
      expect(created.statusCode, created.body).toBe(201);
      const product = created.json() as { id: string; name: string };
      expect(product.name).toBe(row.name);
      expect(changedTables(before, await snapshotState(t.db))).toEqual([
        `product_variants (${before.get('product_variants')!.rows} → ${before.get('product_variants')!.rows + 1} rows)`,
        `products (${before.get('products')!.rows} → ${before.get('products')!.rows + 1} rows)`,
      ]);

      const read = await shop.app.inject({
        method: 'GET',
        url: `/api/catalog/products/${product.id}`,
        headers: { cookie: shop.cookies.cashier },
      });
      expect(read.json().name).toBe(row.name);
      for (const q of [row.name, sku]) {
        const found = await shop.app.inject({
          method: 'GET',
          url: `/api/catalog/variants?q=${encodeURIComponent(q.slice(0, 200))}`,
          headers: { cookie: shop.cookies.cashier },
        });
        expect(found.statusCode).toBe(200);
        expect((found.json().items as Array<{ productName: string; sku: string }>).map((v) => v.sku)).toEqual(
          [sku],
        );
      }
    },
  );
});
