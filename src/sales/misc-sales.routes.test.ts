import { beforeAll, expect, it } from 'vitest';
import {
  countRows,
  insertLocation,
  insertRegister,
  lineId,
  saleId,
  staffWithPin,
} from '../../tests/support/sales-fixtures.ts';
import { createTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';

describeEachDatabase('misc sales', (t) => {
  let test: TestApp;
  let registerId: string;

  beforeAll(async () => {
    test = await createTestApp(t.db);
    registerId = await insertRegister(t.db, await insertLocation(t.db));
  });

  const miscSale = (extra: object = {}) => ({
    id: saleId(),
    registerId,
    lines: [
      { id: lineId(), misc: { description: 'Odd vase', priceMinor: 700, taxRateBp: 2000 }, quantity: 1 },
    ],
    payments: [{ method: 'cash', amountMinor: 1000 }],
    ...extra,
  });
  const post = async (payload: object, role: 'cashier' | 'manager' = 'cashier') =>
    test.app.inject({ method: 'POST', url: '/api/sales', payload, headers: await test.as(role) });
  const setSettings = async (payload: object) => {
    const response = await test.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      payload,
      headers: await test.as('owner'),
    });
    expect(response.statusCode).toBe(200);
  };

  it('sells a misc line when allowed: flagged on the sale and on the line, no stock movement', async () => {
    await setSettings({ miscSales: 'on' });
    const movementsBefore = await countRows(t.db, 'stock_movements');
    const response = await post(miscSale());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      hasMisc: true,
      changeMinor: 300,
      lines: [{ misc: true, variantId: null, description: 'Odd vase', totalMinor: 700, taxMinor: 117 }],
    });
    expect(await countRows(t.db, 'stock_movements')).toBe(movementsBefore);
  });

  it('refuses misc sales when the owner switched them off, even for a manager', async () => {
    await setSettings({ miscSales: 'off' });
    const salesBefore = await countRows(t.db, 'sales');
    for (const role of ['cashier', 'manager'] as const) {
      const response = await post(miscSale(), role);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('MISC_SALES_OFF');
    }
    expect(await countRows(t.db, 'sales')).toBe(salesBefore);
  });

  it("needs a manager's PIN from a cashier under manager_pin; a cashier's own PIN does not do", async () => {
    await setSettings({ miscSales: 'manager_pin' });
    const manager = await staffWithPin(t.db, 'manager', '2468');
    const cashier = await staffWithPin(t.db, 'cashier', '1357');
    const bare = await post(miscSale());
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.code).toBe('MISC_NEEDS_APPROVAL');
    const byCashier = await post(miscSale({ approval: { staffId: cashier.id, pin: '1357' } }));
    expect(byCashier.statusCode).toBe(403);
    expect(byCashier.json().error.code).toBe('APPROVER_NOT_MANAGER');
    const approved = await post(miscSale({ approval: { staffId: manager.id, pin: '2468' } }));
    expect(approved.statusCode).toBe(201);
    expect(approved.json().hasMisc).toBe(true);
    expect((await post(miscSale(), 'manager')).statusCode).toBe(201);
  });

  it('applies the stricter Shopify-connected policy once a store is connected', async () => {
    await setSettings({ miscSales: 'on', miscSalesWhenShopifyConnected: 'off' });
    await t.db.kysely
      .updateTable('shop_settings')
      .set({ shopify_connected_at: new Date().toISOString() })
      .execute();
    const response = await post(miscSale());
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('MISC_SALES_OFF');
    await t.db.kysely.updateTable('shop_settings').set({ shopify_connected_at: null }).execute();
    expect((await post(miscSale())).statusCode).toBe(201);
  });
});
