import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  eventually,
  POS_START_STOCK,
  type SyncedShop,
  startSyncedShop,
} from '../../tests/support/synced-shop.ts';
import { createTestApp } from '../../tests/support/test-app.ts';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { createTestShop, startTestSandbox } from '../sandbox/test-support/sandbox-harness.ts';

describeEachDatabase('connecting a store', (t) => {
  it('refuses a shop on the Free plan, saying the integration is included with Pro and Pay, and stores nothing', async () => {
    const { app, as } = await createTestApp(t.db);
    const owner = await as('owner');
    await app.inject({ method: 'PATCH', url: '/api/settings', headers: owner, payload: { plan: 'free' } });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/shopify/connect',
      headers: owner,
      payload: { shopDomain: 'any-shop.myshopify.com', accessToken: 'shpat_x', apiSecret: 'secret' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_EXCLUDES_SHOPIFY' });
    expect(refused.json().error.message).toMatch(/included with the Pro and Pay plans/);
    expect(await t.db.kysely.selectFrom('shopify_connection').selectAll().execute()).toEqual([]);
    await app.inject({ method: 'PATCH', url: '/api/settings', headers: owner, payload: { plan: 'pro' } });
  });

  it('names the access scopes the app is missing, and a manager may not connect at all', async () => {
    const sandbox = await startTestSandbox();
    try {
      const response = await fetch(`${sandbox.url}/sandbox/shops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          plan: 'standard',
          scopes: ['read_products', 'read_inventory', 'read_orders'],
        }),
      });
      const shop = (await response.json()) as { domain: string; accessToken: string; apiSecret: string };
      const { app, as } = await createTestApp(t.db);
      const payload = {
        shopDomain: shop.domain,
        accessToken: shop.accessToken,
        apiSecret: shop.apiSecret,
        apiOrigin: sandbox.url,
      };
      const manager = await app.inject({
        method: 'POST',
        url: '/api/shopify/connect',
        headers: await as('manager'),
        payload,
      });
      expect(manager.statusCode).toBe(403);
      const refused = await app.inject({
        method: 'POST',
        url: '/api/shopify/connect',
        headers: await as('owner'),
        payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('SHOPIFY_SCOPES_MISSING');
      expect(refused.json().error.details.missing).toEqual([
        'write_products',
        'write_inventory',
        'read_locations',
      ]);
      expect(await t.db.kysely.selectFrom('shopify_connection').selectAll().execute()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('connects with a Dev Dashboard client id and secret, keeping every secret sealed', async () => {
    const sandbox = await startTestSandbox();
    try {
      const shop = await createTestShop(sandbox);
      const { app, as } = await createTestApp(t.db);
      const connected = await app.inject({
        method: 'POST',
        url: '/api/shopify/connect',
        headers: await as('owner'),
        payload: {
          shopDomain: shop.domain,
          clientId: shop.clientId,
          clientSecret: shop.clientSecret,
          apiSecret: shop.apiSecret,
          apiOrigin: sandbox.url,
        },
      });
      expect(connected.statusCode).toBe(200);
      const row = await t.db.kysely.selectFrom('shopify_connection').selectAll().executeTakeFirstOrThrow();
      expect(row.auth_kind).toBe('client_credentials');
      expect(row.token_expires_at).not.toBeNull();
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(shop.clientSecret);
      expect(stored).not.toContain(shop.apiSecret);
      const wrongSecret = await app.inject({
        method: 'POST',
        url: '/api/shopify/connect',
        headers: await as('owner'),
        payload: {
          shopDomain: shop.domain,
          clientId: shop.clientId,
          clientSecret: 'wrong',
          apiSecret: 'x',
          apiOrigin: sandbox.url,
        },
      });
      expect(wrongSecret.statusCode).toBe(400);
      expect(wrongSecret.json().error.code).toBe('SHOPIFY_CREDENTIALS_REFUSED');
    } finally {
      await t.db.kysely.deleteFrom('shopify_connection').execute();
      await sandbox.close();
    }
  });
});

describeEachDatabase('orders placed before the integration started', (t) => {
  let s: SyncedShop;
  let early: { orderId: string; lineItemId: string };
  beforeAll(async () => {
    s = await startSyncedShop(t.db, {
      beforeConnect: async ({ sandbox, shop, items }) => {
        const created = (await (
          await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ lines: [{ variantId: items[0]!.shopifyVariantId, quantity: 2 }] }),
          })
        ).json()) as { order: { id: string; lineItems: { nodes: Array<{ id: string }> } } };
        early = { orderId: created.order.id, lineItemId: created.order.lineItems.nodes[0]!.id };
        // Shopify records whole seconds: start the integration in a later second than the order.
        await new Promise((resolve) => setTimeout(resolve, 1100));
      },
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('never restocks the POS for their refunds, and lists each for a manual adjustment that one click resolves', async () => {
    const item = s.items[0]!;
    const path = `/sandbox/shops/${s.shop.domain}/orders/${encodeURIComponent(early.orderId)}`;
    await s.control(`${path}/fulfil`);
    await s.control(`${path}/refund`, {
      lines: [
        { lineItemId: early.lineItemId, quantity: 1, restockType: 'RETURN', locationId: s.shopifyLocationId },
      ],
    });
    const listed = await eventually(async () => {
      const response = await s.test.app.inject({
        method: 'GET',
        url: '/api/shopify/manual-adjustments',
        headers: s.owner,
      });
      const rows = response.json() as Array<{
        id: string;
        quantity: number;
        status: string;
        variant_id: string;
      }>;
      expect(rows).toEqual([
        expect.objectContaining({ quantity: 1, status: 'open', variant_id: item.variantId }),
      ]);
      return rows[0]!;
    });
    // Neither the order, its fulfilment nor its refund moved POS stock.
    expect(await s.posLevel(item)).toEqual({ onHand: POS_START_STOCK, committed: 0 });
    const resolved = await s.test.app.inject({
      method: 'POST',
      url: `/api/shopify/manual-adjustments/${listed.id}/adjust`,
      headers: s.owner,
    });
    expect(resolved.statusCode).toBe(200);
    expect(await s.posLevel(item)).toEqual({ onHand: POS_START_STOCK + 1, committed: 0 });
    const again = await s.test.app.inject({
      method: 'POST',
      url: `/api/shopify/manual-adjustments/${listed.id}/adjust`,
      headers: s.owner,
    });
    expect(again.statusCode).toBe(409);
    expect(await s.posLevel(item)).toEqual({ onHand: POS_START_STOCK + 1, committed: 0 });
  });
});
