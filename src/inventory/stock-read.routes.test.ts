import { expect, it } from 'vitest';
import { insertTestVariant } from '../../tests/support/catalog-fixtures.ts';
import { createStockShop } from '../../tests/support/stock-shop.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { verifyLevelsAgainstLedger } from './ledger-check.ts';

describeEachDatabase('stock reads over HTTP', (t) => {
  const shop = () => createStockShop(t.db);

  it('allows negative stock and lists it as low, with variants at or below their threshold', async () => {
    const { app, post, addLocation, manager, as } = await shop();
    const loc = await addLocation('Shop');
    const oversold = await insertTestVariant(t.db.kysely, { productName: 'Oversold mug' });
    const low = await insertTestVariant(t.db.kysely, { lowStockThreshold: 3, barcodeKey: '05012345678900' });
    const plenty = await insertTestVariant(t.db.kysely, { lowStockThreshold: 3 });
    const untouched = await insertTestVariant(t.db.kysely, { lowStockThreshold: 1 });
    await post('/api/stock/receipts', {
      locationId: loc,
      lines: [
        { variantId: low, quantity: 3 },
        { variantId: plenty, quantity: 4 },
      ],
    });
    const sold = await post('/api/stock/adjustments', {
      locationId: loc,
      variantId: oversold,
      delta: -2,
      reason: 'sold before receipt',
    });
    expect(sold.statusCode).toBe(201);

    const res = await app.inject({
      method: 'GET',
      url: `/api/stock/low?locationId=${loc}`,
      headers: await as('cashier'),
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as {
      variant: { id: string; gtin: string | null; productName: string };
      onHand: number;
      threshold: number | null;
    }[];
    const ids = rows.map((r) => r.variant.id);
    expect(ids).toContain(oversold);
    expect(ids).toContain(low);
    expect(ids).toContain(untouched);
    expect(ids).not.toContain(plenty);
    expect(rows[0]).toMatchObject({
      variant: { id: oversold, productName: 'Oversold mug' },
      onHand: -2,
      threshold: null,
    });
    expect(rows.find((r) => r.variant.id === low)).toMatchObject({
      onHand: 3,
      threshold: 3,
      variant: { gtin: '05012345678900' },
    });
    expect(rows.find((r) => r.variant.id === untouched)).toMatchObject({ onHand: 0, threshold: 1 });
    expect(manager.cookie).toBeTruthy();
  });

  it('pages the movement history newest first, with location and actor names', async () => {
    const { app, post, addLocation, manager } = await shop();
    const loc = await addLocation('Shop');
    const v = await insertTestVariant(t.db.kysely);
    for (let i = 1; i <= 5; i++) {
      await post('/api/stock/adjustments', { locationId: loc, variantId: v, delta: i, reason: `step ${i}` });
    }
    const seen: { id: string; note: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/stock/movements?variantId=${v}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.inject({ method: 'GET', url: query, headers: manager });
      expect(res.statusCode).toBe(200);
      const page = res.json() as {
        items: { id: string; note: string; locationName: string; actorName: string }[];
        nextCursor: string | null;
      };
      for (const item of page.items) {
        expect(item.locationName).toMatch(/^Shop /);
        expect(item.actorName).toBe('Test manager');
        seen.push(item);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    // Newest first by id (ulid: time order to the millisecond); every movement exactly once across pages.
    const ids = seen.map((m) => m.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(5);
    expect(seen.map((m) => m.note).sort()).toEqual(['step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
  });

  it('lists the movements of one source document', async () => {
    const { app, post, addLocation, manager } = await shop();
    const from = await addLocation('Shop');
    const to = await addLocation('Store');
    const v = await insertTestVariant(t.db.kysely);
    const transfer = await post('/api/stock/transfers', {
      fromLocationId: from,
      toLocationId: to,
      lines: [{ variantId: v, quantity: 2 }],
    });
    await post('/api/stock/receipts', { locationId: from, lines: [{ variantId: v, quantity: 1 }] });
    const res = await app.inject({
      method: 'GET',
      url: `/api/stock/movements?sourceId=${transfer.json().id}`,
      headers: manager,
    });
    const items = res.json().items as { reason: string; sourceId: string }[];
    expect(items.map((m) => m.reason).sort()).toEqual(['transfer_in', 'transfer_out']);
  });

  it('documents every inventory route in the OpenAPI description', async () => {
    const { app } = await shop();
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/locations',
      '/api/locations/{id}',
      '/api/stock/levels',
      '/api/stock/receipts',
      '/api/stock/adjustments',
      '/api/stock/counts',
      '/api/stock/transfers',
      '/api/stock/movements',
      '/api/stock/low',
      '/api/stock/ledger-check',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('keeps every level equal to the sum of its movements after all of the above, and says so to a manager', async () => {
    expect(await verifyLevelsAgainstLedger(t.db.kysely)).toEqual([]);
    const { app, as } = await shop();
    const check = await app.inject({
      method: 'GET',
      url: '/api/stock/ledger-check',
      headers: await as('manager'),
    });
    expect(check.json()).toEqual({ consistent: true, differences: [] });
    const cashier = await app.inject({
      method: 'GET',
      url: '/api/stock/ledger-check',
      headers: await as('cashier'),
    });
    expect(cashier.statusCode).toBe(403);
  });
});
