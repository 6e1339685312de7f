import { mkdirSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { onHand, SCREENSHOTS, type ShopFixture, seedShop, signIn } from './support/shop-fixture.ts';
import { PASSWORD, type ShopServer, startShopServer } from './support/shop-server.ts';

describe('back office in the browser', () => {
  let server: ShopServer;
  let shop: ShopFixture;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startShopServer(), launchChromium()]);
    browser = chromium.context;
    shop = await seedShop(server);
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('refuses a cashier’s stock adjustment at the server, not only by hiding the form', async () => {
    const page = await browser.newPage();
    await signIn(page, server, server.staff.cashier.email, PASSWORD);
    await page.goto(`${server.baseUrl}/back-office/stock`);
    await page.getByLabel('Find an item').fill('mug');
    await page.getByRole('button', { name: /Blue mug/ }).click();
    await page.getByRole('table', { name: 'Stock levels' }).waitFor();
    expect(await page.getByRole('form', { name: 'Stock action' }).count()).toBe(0);
    // The page hides the form; a hand-made request with the cashier's own session must still fail.
    const answer = await page.evaluate(
      async ({ locationId, variantId }) => {
        const response = await fetch('/api/stock/adjustments', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locationId, variantId, delta: 5, reason: 'found some' }),
        });
        return { status: response.status, body: await response.json() };
      },
      { locationId: shop.locationId, variantId: shop.variants.mug },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('FORBIDDEN');
    expect(await onHand(server, shop.variants.mug, shop.locationId)).toBe(10);
    await page.close();
  });

  it('lets a manager adjust stock with a reason and shows it in the item’s history', async () => {
    const page = await browser.newPage();
    await signIn(page, server, server.staff.manager.email, PASSWORD);
    await page.goto(`${server.baseUrl}/back-office/stock`);
    await page.getByLabel('Find an item').fill('mug');
    await page.getByRole('button', { name: /Blue mug/ }).click();
    await page.getByRole('tab', { name: 'Adjust' }).click();
    await page.getByLabel('Change (+/−)').fill('-2');
    await page.getByLabel(/Reason/).fill('dropped, broken');
    await page.getByRole('button', { name: 'Record adjust' }).click();
    await page.getByRole('status').filter({ hasText: 'Adjust recorded' }).waitFor();
    // The level is re-read after the adjustment is recorded; wait for the page to show it.
    await expect.poll(() => page.getByTestId(`on-hand-${shop.locationId}`).textContent()).toBe('8');
    await expect
      .poll(() => page.getByRole('table', { name: 'Movement history' }).textContent())
      .toContain('dropped, broken');
    expect(await onHand(server, shop.variants.mug, shop.locationId)).toBe(8);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/stock.png`, fullPage: true });
    await page.close();
  });

  it('creates a product with a generated in-store barcode and prints its label sheet', async () => {
    const page = await browser.newPage();
    await signIn(page, server, server.staff.manager.email, PASSWORD);
    await page.goto(`${server.baseUrl}/back-office/products/new`);
    await page.getByLabel('Name', { exact: true }).fill('Jam jar');
    await page.getByLabel('Price').fill('3.25');
    await page.getByRole('button', { name: 'Create product' }).click();
    const barcodeCell = page.getByTestId('variant-barcode');
    await barcodeCell.waitFor();
    const barcode = (await barcodeCell.textContent()) ?? '';
    expect(barcode).toMatch(/^2\d{12}$/);
    if (SCREENSHOTS) {
      await page.goto(`${server.baseUrl}/back-office/products`);
      await page.getByRole('table', { name: 'Products' }).getByText('Jam jar').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/products.png` });
      await page.goBack();
    }
    await page.getByRole('button', { name: 'Label' }).click();
    await page.locator('.label .barcode svg').first().waitFor();
    expect(await page.locator('.label').first().textContent()).toContain('3.25');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/labels.png` });
    await page.close();
  });

  it('lets the owner change the shop settings, and a cashier may not', async () => {
    const page = await browser.newPage();
    await signIn(page, server, server.staff.owner.email, PASSWORD);
    await page.goto(`${server.baseUrl}/back-office/settings`);
    await page.getByLabel('Shop name').fill('Corner Shop & Café');
    await page.getByLabel('Largest discount a cashier may give (%)').fill('15');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await expect.poll(() => page.locator('.top-bar .brand').textContent()).toBe('Corner Shop & Café');
    const settings = await server.api<{ shopName: string; cashierMaxDiscountBp: number }>(
      'cashier',
      'GET',
      '/api/settings',
    );
    expect(settings).toMatchObject({ shopName: 'Corner Shop & Café', cashierMaxDiscountBp: 1500 });
    const refused = await server.request('cashier', 'PATCH', '/api/settings', { shopName: 'Mine now' });
    expect(refused.status).toBe(403);
    await page.close();
  });

  it('lets the owner add a staff member with a PIN', async () => {
    const page = await browser.newPage();
    await signIn(page, server, server.staff.owner.email, PASSWORD);
    await page.goto(`${server.baseUrl}/back-office/staff`);
    const form = page.getByRole('form', { name: 'Add staff member' });
    await form.getByPlaceholder('Name').fill('Sam Saturday');
    await form.getByPlaceholder('Email').fill('sam@shop.test');
    await form.getByLabel('Role').selectOption('cashier');
    await form.getByPlaceholder('Password').fill('a long enough password');
    await form.getByPlaceholder('PIN (optional)').fill('4455');
    await form.getByRole('button', { name: 'Add' }).click();
    const row = page
      .getByRole('table', { name: 'Staff' })
      .getByRole('row')
      .filter({ hasText: 'Sam Saturday' });
    await row.waitFor();
    expect(await row.textContent()).toContain('set');
    await page.close();
  });
});
