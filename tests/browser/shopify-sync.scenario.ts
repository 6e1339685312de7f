import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type SyncedShop, startSyncedShop } from '../support/synced-shop.ts';
import { createSqliteTestDatabase, type TestDatabase } from '../support/test-databases.ts';
import { launchChromium } from './support/browser.ts';
import { SCREENSHOTS } from './support/shop-fixture.ts';

describe('the Shopify page in the browser', () => {
  let database: TestDatabase;
  let s: SyncedShop;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    database = await createSqliteTestDatabase();
    [s, chromium] = await Promise.all([
      startSyncedShop(database.db, { webRoot: resolve(import.meta.dirname, '../../web/dist') }),
      launchChromium(),
    ]);
    browser = chromium.context;
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await s?.close();
    await database?.drop();
  });

  async function pageAs(cookie: string): Promise<Page> {
    await browser.clearCookies();
    const [name, value] = cookie.split('=') as [string, string];
    await browser.addCookies([{ name, value, url: s.appUrl }]);
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
});
