import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERS_UPDATED_SINCE } from '../../shopify/operations/orders-updated-since.ts';
import { PRODUCT_VARIANTS_SEARCH } from '../../shopify/operations/product-variants-search.ts';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { createStockedProduct, quantitiesAt } from '../test-support/catalog-fixtures.ts';
import { clientFor, createTestShop, rawGraphql, startTestSandbox } from '../test-support/sandbox-harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the control API', () => {
  it('creates a shop with its domain, token, secret, client credentials and location ids', async () => {
    const shop = await createTestShop(sandbox, 'advanced');
    expect(shop).toMatchObject({
      domain: expect.stringMatching(/\.myshopify\.com$/),
      plan: 'advanced',
      accessToken: expect.stringMatching(/^shpat_/),
      apiSecret: expect.any(String),
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    expect(shop.locationIds).toHaveLength(2);
    const bad = await post(`${sandbox.url}/sandbox/shops`, { plan: 'gold' });
    expect(bad.status).toBe(400);
  });

  it('runs the admin actions through the API: order, fulfil, refund with restock, hand edit, all in the history', async () => {
    const shop = await createTestShop(sandbox);
    const { variantId, itemId } = await createStockedProduct(sandbox, shop, 'CTRL-1', 5);
    const base = `${sandbox.url}/sandbox/shops/${shop.domain}`;
    const created = (await (
      await post(`${base}/orders`, { lines: [{ variantId, quantity: 2 }] })
    ).json()) as {
      order: { id: string; lineItems: { nodes: Array<{ id: string }> } };
    };
    const orderNumber = created.order.id.split('/').pop();
    await post(`${base}/orders/${orderNumber}/fulfil`, {});
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 3,
      committed: 0,
      on_hand: 3,
    });
    const refund = await post(`${base}/orders/${orderNumber}/refund`, {
      lines: [
        {
          lineItemId: created.order.lineItems.nodes[0]?.id,
          quantity: 1,
          restockType: 'RETURN',
          locationId: shop.locationIds[0],
        },
      ],
    });
    expect(refund.status).toBe(200);
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({ available: 4, on_hand: 4 });
    await post(`${base}/stock`, { inventoryItemId: itemId, locationId: shop.locationIds[0], available: 11 });
    expect((await quantitiesAt(sandbox, shop, itemId)).available).toBe(11);
    const history = (await (
      await fetch(`${base}/inventory-history?inventoryItemId=${encodeURIComponent(itemId)}`)
    ).json()) as Array<{
      reason: string;
      name: string;
      delta: number;
    }>;
    expect(history.map((h) => h.reason)).toEqual(
      expect.arrayContaining(['order_created', 'order_fulfilled', 'refund_restock', 'correction']),
    );
  });

  it('runs a storefront that places orders only for items in stock until stopped', async () => {
    const shop = await createTestShop(sandbox);
    const { itemId } = await createStockedProduct(sandbox, shop, 'SF-1', 3);
    await createStockedProduct(sandbox, shop, 'SF-EMPTY', 0);
    const started = await post(`${sandbox.url}/sandbox/shops/${shop.domain}/storefront`, {
      ordersPerMinute: 3000,
      maxQuantity: 1,
    });
    expect(started.status).toBe(200);
    const until = Date.now() + 8000;
    while (((await quantitiesAt(sandbox, shop, itemId)).available ?? 0) > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Out of stock everywhere now: the storefront keeps running but finds nothing to buy.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/storefront`, { method: 'DELETE' });
    const { data } = await clientFor(sandbox, shop).request(ORDERS_UPDATED_SINCE, {
      variables: { first: 50 },
    });
    expect(data.orders.nodes.length).toBe(3);
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({ available: 0, committed: 3 });
  });

  it('refuses a control request with an unknown or missing field, naming it, and changes nothing', async () => {
    const shop = await createTestShop(sandbox);
    const base = `${sandbox.url}/sandbox/shops/${shop.domain}`;
    const missing = await post(`${base}/orders/1/cancel`, {});
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('restock');
    const unknown = await fetch(`${base}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dropEverything: 1 }),
    });
    expect(unknown.status).toBe(400);
    const response = await rawGraphql(sandbox, shop.accessToken, '{ shop { id } }');
    expect(response.body.extensions.cost.throttleStatus.maximumAvailable).toBe(2000);
  });

  it('keeps several shops apart', async () => {
    const a = await createTestShop(sandbox);
    const b = await createTestShop(sandbox);
    await createStockedProduct(sandbox, a, 'ONLY-IN-A', 1);
    const inB = await clientFor(sandbox, b).request(PRODUCT_VARIANTS_SEARCH, {
      variables: { first: 5, query: 'sku:ONLY-IN-A' },
    });
    expect(inB.data.productVariants.nodes).toEqual([]);
  });

  it('seeds 100k variants in seconds', async () => {
    const shop = await createTestShop(sandbox);
    const response = await post(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, { variants: 100_000 });
    const body = (await response.json()) as { variants: number; ms: number };
    expect(body.variants).toBe(100_000);
    expect(body.ms).toBeLessThan(20_000);
    const count = await rawGraphql(
      sandbox,
      shop.accessToken,
      '{ productsCount(limit: null) { count precision } }',
    );
    expect(count.body.data.productsCount).toEqual({ count: 25_000, precision: 'EXACT' });
  });
});

describe('persistence', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tillsync-sandbox-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps shops, stock and tokens across a restart, and forgets them on reset', async () => {
    const dataFile = join(dir, 'sandbox.sqlite');
    const first = await startTestSandbox({ dataFile });
    const shop: CreatedShop = await createTestShop(first);
    const { itemId } = await createStockedProduct(first, shop, 'KEEP-1', 9);
    await first.close();
    const second = await startTestSandbox({ dataFile });
    try {
      expect((await quantitiesAt(second, shop, itemId)).available).toBe(9);
      await post(`${second.url}/sandbox/reset`, {});
      expect((await rawGraphql(second, shop.accessToken, '{ shop { id } }')).status).toBe(401);
    } finally {
      await second.close();
    }
  });
});

describe('the demo shop', () => {
  it('has a catalogue with valid barcodes and stock, and a running storefront', async () => {
    const { createDemoShop } = await import('../control/demo-shop.ts');
    const demo = await startTestSandbox();
    try {
      const storefronts = demo.runtime.storefronts;
      if (!storefronts) throw new Error('no storefronts');
      const shop = await createDemoShop(demo.runtime, storefronts, { ordersPerMinute: 0.5 });
      const { data } = await clientFor(demo, shop).request(PRODUCT_VARIANTS_SEARCH, {
        variables: { first: 50, query: 'sku:DEMO-001' },
      });
      expect(data.productVariants.nodes[0].barcode).toMatch(/^\d{13}$/);
      const { ean13 } = await import('../control/seed-catalog.ts');
      const barcode = data.productVariants.nodes[0].barcode as string;
      expect(ean13(barcode.slice(0, 12))).toBe(barcode);
      const count = await rawGraphql(demo, shop.accessToken, '{ productsCount { count } }');
      expect(count.body.data.productsCount.count).toBe(8);
      const list = (await (await fetch(`${demo.url}/sandbox/shops`)).json()) as Array<{
        domain: string;
        storefront: { running: boolean };
      }>;
      expect(list.find((s) => s.domain === shop.domain)?.storefront.running).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
