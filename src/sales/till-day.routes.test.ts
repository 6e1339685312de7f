import { beforeAll, expect, it } from 'vitest';
import {
  insertLocation,
  insertRegister,
  insertVariant,
  lineId,
  saleId,
} from '../../tests/support/sales-fixtures.ts';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { newId } from '../shared/ids.ts';
import { MAX_PARKED_CART_BYTES } from './parked-carts.repository.ts';

describeEachDatabase('parked carts, cash-ups and the misc report', (t) => {
  let test: TestApp;
  let registerId: string;
  let item: string;

  beforeAll(async () => {
    test = await createTestApp(t.db);
    registerId = await insertRegister(t.db, await insertLocation(t.db));
    item = (await insertVariant(t.db, { priceMinor: 1000 })).id;
  });

  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
    role: 'cashier' | 'manager' = 'cashier',
  ) => test.app.inject({ method, url, ...(payload ? { payload } : {}), headers: await test.as(role) });

  it('parks a cart and recalls it once: the recall removes it, a second recall is 404', async () => {
    const cart = { lines: [{ variantId: item, quantity: 2 }], note: 'customer fetching wallet' };
    const parked = await call('POST', '/api/parked-carts', { registerId, label: 'Blue coat', cart });
    expect(parked.statusCode).toBe(201);
    const list = await call('GET', `/api/parked-carts?registerId=${registerId}`);
    expect(list.json().map((c: { id: string }) => c.id)).toContain(parked.json().id);
    const recalled = await call('DELETE', `/api/parked-carts/${parked.json().id}`);
    expect(recalled.statusCode).toBe(200);
    expect(recalled.json()).toMatchObject({ label: 'Blue coat', cart });
    expect((await call('DELETE', `/api/parked-carts/${parked.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a parked cart over 64 KB naming the field', async () => {
    const response = await call('POST', '/api/parked-carts', {
      registerId,
      cart: { blob: 'x'.repeat(MAX_PARKED_CART_BYTES) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'CART_TOO_LARGE', field: 'cart' });
  });

  it('cashes up a register: takings by tender, expected cash vs counted, and starts afresh after', async () => {
    const cashSale = await call('POST', '/api/sales', {
      id: saleId(),
      registerId,
      lines: [{ id: lineId(), variantId: item, quantity: 2 }],
      payments: [{ method: 'cash', amountMinor: 2500 }],
    });
    expect(cashSale.json().changeMinor).toBe(500);
    await call('POST', '/api/sales', {
      id: saleId(),
      registerId,
      lines: [{ id: lineId(), variantId: item, quantity: 1 }],
      payments: [{ method: 'card', amountMinor: 1000 }],
    });
    const refund = await call('POST', `/api/sales/${cashSale.json().id}/returns`, {
      id: newId('ret'),
      lines: [{ saleLineId: cashSale.json().lines[0].id, quantity: 1, restock: true }],
    });
    expect(refund.json().refunds).toEqual([{ method: 'cash', amountMinor: 1000 }]);

    const preview = await call(
      'GET',
      `/api/cash-ups/preview?registerId=${registerId}&openingFloatMinor=5000`,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      since: null,
      takingsByMethod: { cash: 2000, card: 1000 },
      refundsByMethod: { cash: 1000, card: 0 },
      openingFloatMinor: 5000,
      expectedCashMinor: 6000,
      salesCount: 2,
    });
    const recorded = await call('POST', '/api/cash-ups', {
      registerId,
      openingFloatMinor: 5000,
      countedCashMinor: 5950,
      note: 'short 50p',
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      expectedCashMinor: 6000,
      countedCashMinor: 5950,
      differenceMinor: -50,
    });
    expect(recorded.json().number).toBeGreaterThanOrEqual(1);
    const reprint = await call('GET', `/api/cash-ups/${recorded.json().id}`);
    expect(reprint.json()).toEqual(recorded.json());

    const after = await call('GET', `/api/cash-ups/preview?registerId=${registerId}`);
    expect(after.json()).toMatchObject({
      since: recorded.json().createdAt,
      salesCount: 0,
      takingsByMethod: { cash: 0, card: 0 },
      expectedCashMinor: 0,
    });
    const second = await call('POST', '/api/cash-ups', { registerId, countedCashMinor: 0 });
    expect(second.json().number).toBe(recorded.json().number + 1);
  });

  it('counts misc sales per staff member and day for managers, and refuses the report to a cashier', async () => {
    for (const price of [300, 450]) {
      const sold = await call('POST', '/api/sales', {
        id: saleId(),
        registerId,
        lines: [
          {
            id: lineId(),
            misc: { description: 'Loose item', priceMinor: price, taxRateBp: 2000 },
            quantity: 1,
          },
        ],
        payments: [{ method: 'cash', amountMinor: price }],
      });
      expect(sold.statusCode).toBe(201);
    }
    const today = new Date().toISOString().slice(0, 10);
    expect((await call('GET', `/api/reports/misc-sales?from=${today}&to=${today}`)).statusCode).toBe(403);
    const report = await call(
      'GET',
      `/api/reports/misc-sales?from=${today}&to=${today}`,
      undefined,
      'manager',
    );
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual([
      {
        day: today,
        staffId: expect.any(String),
        staffName: 'Test cashier',
        salesCount: 2,
        lineCount: 2,
        amountMinor: 750,
      },
    ]);
  });
});
