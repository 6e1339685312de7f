import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultLocation } from '../../src/inventory/location.service.ts';
import { clientFor, createTestShop } from '../../src/sandbox/test-support/sandbox-harness.ts';
import { eventually, POS_START_STOCK, type SyncedShop, startSyncedShop } from '../support/synced-shop.ts';
import { createTestApp } from '../support/test-app.ts';
import { createSqliteTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { launchChromium } from './support/browser.ts';
import { SCREENSHOTS } from './support/shop-fixture.ts';

const webRoot = resolve(import.meta.dirname, '../../web/dist');
const VARIANT_STOCK_BY_SKU = /* GraphQL */ `
  query VariantStockBySku($query: String!, $locationId: ID!) {
    productVariants(first: 5, query: $query) {
      nodes {
        sku
        product {
          title
        }
        inventoryItem {
          inventoryLevel(locationId: $locationId) {
            quantities(names: ["available"]) {
              quantity
            }
          }
        }
      }
    }
  }
`;

describe('the Shopify page in the browser', () => {
  let database: TestDatabase;
  let s: SyncedShop;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    [s, chromium] = await Promise.all([startSyncedShop(database.db, { webRoot }), launchChromium()]);
    browser = chromium.context;
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await s?.close();
    await database?.drop();
  });

  async function pageAs(cookie: string, appUrl = s.appUrl): Promise<Page> {
    await browser.clearCookies();
    const [name, value] = cookie.split('=') as [string, string];
    await browser.addCookies([{ name, value, url: appUrl }]);
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  it('shows the connected store, takes a Shopify-side edit into the till, and reconciles on request', async () => {
    const page = await pageAs(s.owner.cookie);
    await page.goto(`${s.appUrl}/back-office/shopify`);
    expect(await page.getByTestId('shop-domain').textContent()).toBe(s.shop.domain);
    await page.getByText(/Syncing since/).waitFor();

    const item = s.items[3]!;
    await s.control(`/sandbox/shops/${s.shop.domain}/stock`, {
      inventoryItemId: item.inventoryItemId,
      locationId: s.shopifyLocationId,
      available: 17,
    });
    await eventually(async () => {
      await page.reload();
      await page.getByRole('table', { name: 'Stock edits in Shopify' }).waitFor({ timeout: 1000 });
    });
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/shopify.png`, fullPage: true });
    await page.getByRole('button', { name: 'Take into the till' }).click();
    await eventually(async () => expect(await s.posLevel(item)).toEqual({ onHand: 17, committed: 0 }));

    await page.getByRole('button', { name: 'Reconcile now' }).click();
    await expect
      .poll(() => page.getByTestId('last-reconciliation').textContent())
      .toMatch(/items checked, 0 differed/);
    await page.close();
  });

  it('maps a till location and changes the safety buffers through the page, and Shopify follows', async () => {
    const owner = { cookie: s.owner.cookie };
    const inject = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await s.test.app.inject({
        method,
        url,
        headers: owner,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    const [stocked, plain, own] = [s.items[6]!, s.items[7]!, s.items[8]!];
    const warehouse = s.shop.locationIds[1]!;
    const backRoom = (await inject('POST', '/api/locations', { name: 'Back room' })).id as string;
    await inject('POST', '/api/stock/receipts', {
      locationId: backRoom,
      lines: [{ variantId: stocked.variantId, quantity: 5 }],
    });
    const availableAt = async (item: (typeof s.items)[number], locationId: string) => {
      const data = (await s.admin(
        /* GraphQL */ `query At($id: ID!, $locationId: ID!) {
          inventoryItem(id: $id) { inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { quantity } } }
        }`,
        { id: item.inventoryItemId, locationId },
      )) as { inventoryItem: { inventoryLevel: { quantities: Array<{ quantity: number }> } | null } };
      return data.inventoryItem.inventoryLevel?.quantities[0]?.quantity;
    };

    const page = await pageAs(s.owner.cookie);
    await page.goto(`${s.appUrl}/back-office/shopify`);
    await page.getByLabel('Shopify location for Back room').selectOption({ label: 'Warehouse' });
    await page.getByRole('button', { name: 'Save location map' }).click();
    await page.getByText('Location map saved.').waitFor();
    const status = await inject('GET', '/api/shopify/status');
    expect(status.locations).toContainEqual({ locationId: backRoom, shopifyLocationId: warehouse });
    await eventually(async () => expect(await availableAt(stocked, warehouse)).toBe(5));

    await page.getByLabel('Default buffer (units)').fill('1');
    await page.getByRole('button', { name: 'Save default' }).click();
    await page.getByText('Default buffer saved.').waitFor();
    expect((await inject('GET', '/api/shopify/status')).defaultBuffer).toBe(1);
    await eventually(async () => expect(await s.shopifyAvailable(plain)).toBe(POS_START_STOCK - 1));

    await page.getByLabel('Find a product').fill('Sync item 9');
    await page.getByLabel('Product to buffer').waitFor();
    await page.getByLabel('Its buffer (units)').fill('3');
    await page.getByRole('button', { name: 'Set product buffer' }).click();
    await page.getByRole('table', { name: 'Product buffers' }).getByText('Sync item 9').waitFor();
    expect(await inject('GET', '/api/shopify/buffers')).toEqual([
      expect.objectContaining({ productName: 'Sync item 9', buffer: 3 }),
    ]);
    await eventually(async () => expect(await s.shopifyAvailable(own)).toBe(POS_START_STOCK - 3));
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/shopify-settings.png`, fullPage: true });
    await page.close();
  });

  it('keeps the page and its API from a cashier', async () => {
    const cashier = await s.test.as('cashier');
    const page = await pageAs(cashier.cookie);
    await page.goto(`${s.appUrl}/register`);
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByRole('link', { name: 'Shopify' }).count()).toBe(0);
    const status = await page.evaluate(
      async () => (await fetch('/api/shopify/status', { credentials: 'same-origin' })).status,
    );
    expect(status).toBe(403);
    await page.close();
  });
  it('runs the first sync from the page, creating the till-only items on Shopify when the owner ticks it', async () => {
    const fresh = await createSqliteTestDatabase();
    const shop = await createTestShop(s.sandbox);
    const app = await createTestApp(fresh.db, { webRoot });
    try {
      await app.app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.app.server.address();
      const appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const owner = await app.as('owner');
      const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
        const response = await app.app.inject({ method, url, headers: owner, payload });
        expect(response.statusCode, response.body).toBeLessThan(300);
        return response.json();
      };
      const locationId =
        (await ensureDefaultLocation(fresh.db.kysely, app.deps))?.id ??
        (await fresh.db.kysely.selectFrom('locations').select('id').executeTakeFirstOrThrow()).id;
      const product = await call('POST', '/api/catalog/products', {
        name: 'Night light',
        taxRateBp: 2000,
        variants: [{ sku: 'NIGHT-1', priceMinor: 1800 }],
      });
      await call('POST', '/api/stock/receipts', {
        locationId,
        lines: [{ variantId: product.variants[0].id, quantity: 4 }],
      });
      await call('POST', '/api/shopify/connect', {
        shopDomain: shop.domain,
        accessToken: shop.accessToken,
        apiSecret: shop.apiSecret,
        apiOrigin: s.sandbox.url,
      });
      await call('PUT', '/api/shopify/location-map', {
        mappings: [{ locationId, shopifyLocationId: shop.locationIds[0] }],
      });

      const page = await pageAs(owner.cookie, appUrl);
      await page.goto(`${appUrl}/back-office/shopify`);
      await page.getByRole('button', { name: 'Read the Shopify catalogue' }).click();
      await page.getByRole('table', { name: 'First sync preview' }).waitFor();
      await page.getByLabel(/create the till-only items on Shopify/).check();
      await page.getByRole('button', { name: 'Confirm and link' }).click();
      await page.getByText(/Syncing since/).waitFor({ timeout: 20_000 });

      const found = await clientFor(s.sandbox, shop).request(VARIANT_STOCK_BY_SKU, {
        variables: { query: 'sku:NIGHT-1', locationId: shop.locationIds[0] },
      });
      expect(found.data.productVariants.nodes).toEqual([
        {
          sku: 'NIGHT-1',
          product: { title: 'Night light' },
          inventoryItem: { inventoryLevel: { quantities: [{ quantity: 4 }] } },
        },
      ]);
      await page.close();
    } finally {
      await app.app.close();
      await fresh.drop();
    }
  });
});
