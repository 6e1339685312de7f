import { expect, it } from 'vitest';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';

describeEachDatabase('shop settings', (t) => {
  it('starts with the documented defaults, readable by a cashier', async () => {
    const { app, as } = await createTestApp(t.db);
    const response = await app.inject({ method: 'GET', url: '/api/settings', headers: await as('cashier') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      shopName: 'My Shop',
      address: '',
      currency: 'GBP',
      pricesIncludeTax: true,
      defaultTaxRateBp: 2000,
      miscSales: 'on',
      miscSalesWhenShopifyConnected: 'manager_pin',
      cashierMaxDiscountBp: 1000,
      returnApprovalOverMinor: 5000,
      receiptFooter: '',
      plan: 'pro',
      shopifyConnected: false,
    });
  });

  it('lets only the owner change settings; a cashier and a manager get 403 and nothing changes', async () => {
    const { app, as } = await createTestApp(t.db);
    for (const role of ['cashier', 'manager'] as const) {
      const refused = await app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: await as(role),
        payload: { cashierMaxDiscountBp: 10_000 },
      });
      expect(refused.statusCode).toBe(403);
    }
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: await as('owner'),
      payload: { shopName: 'Corner Shop', address: '1 High St', miscSales: 'off' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      shopName: 'Corner Shop',
      miscSales: 'off',
      cashierMaxDiscountBp: 1000,
    });
  });

  it('refuses an unknown field or an out-of-range rate with 400 naming the field', async () => {
    const { app, as } = await createTestApp(t.db);
    const headers = await as('owner');
    const unknown = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers,
      payload: { colour: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('colour');
    const range = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers,
      payload: { defaultTaxRateBp: 10_001 },
    });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.field).toBe('defaultTaxRateBp');
  });
});
