import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import {
  BARCODES,
  onHand,
  type ShopFixture,
  scanWithKeyboard,
  seedShop,
  signIn,
} from './support/shop-fixture.ts';
import { PASSWORD, type ShopServer, startShopServer } from './support/shop-server.ts';

/**
 * The worst network failure for a till: the sale reaches the server and is recorded, but the answer
 * is lost. The page must keep the sale, say so, and retry with the same id until the server answers;
 * the server must record it once.
 */
describe('a sale whose answer is lost on the network', () => {
  let server: ShopServer;
  let shop: ShopFixture;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startShopServer(), launchChromium()]);
    browser = chromium.context;
    shop = await seedShop(server);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('is kept on the till, retried with the same id, and recorded exactly once', async () => {
    await signIn(page, server, server.staff.cashier.email, PASSWORD);
    await page.getByRole('button', { name: 'Till 1' }).click();
    await page.getByLabel('Search products by name, SKU or barcode').click();
    await scanWithKeyboard(page, BARCODES.mug);
    await page.getByTestId('cart-line').waitFor();

    const sentIds: string[] = [];
    let dropAnswer = true;
    await page.route('**/api/sales', async (route) => {
      sentIds.push((route.request().postDataJSON() as { id: string }).id);
      if (!dropAnswer) return route.continue();
      dropAnswer = false;
      await route.fetch(); // the server records the sale…
      await route.abort('connectionreset'); // …and the till never hears back
    });

    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await page.getByTestId('pending-banner').waitFor();
    expect(await page.getByTestId('notice').textContent()).toContain('saved on this till');

    await page.getByTestId('pending-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/Sale #\d+ .* now recorded/);
    expect(sentIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sentIds).size).toBe(1);
    const sales = await server.api<{ items: Array<{ id: string }> }>('manager', 'GET', '/api/sales?limit=10');
    expect(sales.items.map((s) => s.id)).toEqual([sentIds[0]]);
    expect(await onHand(server, shop.variants.mug, shop.locationId)).toBe(9);
  });
});
