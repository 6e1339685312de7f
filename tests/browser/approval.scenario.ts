import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { BARCODES, scanWithKeyboard, seedShop, signIn } from './support/shop-fixture.ts';
import { PASSWORD, PINS, type ShopServer, startShopServer } from './support/shop-server.ts';

/** The till changes hands by PIN, a cashier's discount over the limit waits for a manager's PIN, carts park. */
describe('manager approval and cashier switch at the till', () => {
  let server: ShopServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startShopServer(), launchChromium()]);
    browser = chromium.context;
    await seedShop(server);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('switches from the manager to the cashier by PIN', async () => {
    await signIn(page, server, server.staff.manager.email, PASSWORD);
    await page.getByRole('button', { name: 'Till 1' }).click();
    await signIn(page, server, server.staff.cashier.email, PASSWORD);
    await page.getByRole('button', { name: 'Switch cashier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch cashier' });
    await dialog.getByLabel('Staff member').selectOption({ label: 'Manny Manager (manager)' });
    await dialog.getByLabel('PIN').fill(PINS.manager);
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Manny Manager');
    await page.getByRole('button', { name: 'Switch cashier' }).click();
    await dialog.getByLabel('Staff member').selectOption({ label: 'Cass Cashier (cashier)' });
    await dialog.getByLabel('PIN').fill('9999');
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBeTruthy();
    await dialog.getByLabel('PIN').fill(PINS.cashier);
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('Cass Cashier');
  });

  it('asks for a manager’s PIN before taking payment for a discount over the cashier limit', async () => {
    await page.getByLabel('Search products by name, SKU or barcode').click();
    await scanWithKeyboard(page, BARCODES.mug);
    await page.getByTestId('cart-line').waitFor();
    await page.getByRole('button', { name: 'Discount', exact: true }).click();
    await page.getByLabel('Discount value').fill('50');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('£5.00');
    await page.getByRole('button', { name: 'Pay' }).click();
    const dialog = page.getByRole('dialog', { name: 'Manager approval needed' });
    await dialog.getByLabel('Staff member').selectOption({ label: 'Manny Manager (manager)' });
    await dialog.getByLabel('PIN').fill(PINS.manager);
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    const sales = await server.api<{
      items: Array<{ totals: { totalMinor: number; discountMinor: number } }>;
    }>('manager', 'GET', '/api/sales?limit=5');
    expect(sales.items[0]?.totals).toMatchObject({ totalMinor: 500, discountMinor: 500 });
  });

  it('parks a cart and recalls it, then reprints the last sale from the history', async () => {
    await page.getByRole('button', { name: 'Next sale' }).click();
    await page.getByLabel('Search products by name, SKU or barcode').click();
    await scanWithKeyboard(page, BARCODES.towel);
    await page.getByTestId('cart-line').waitFor();
    await page.getByRole('button', { name: 'Park' }).click();
    await page.getByText('Cart parked.').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await page.getByRole('button', { name: 'Recall' }).click();
    await page
      .getByRole('dialog', { name: 'Parked carts' })
      .getByRole('button', { name: /1 item/ })
      .click();
    await expect.poll(() => page.getByTestId('cart-line').textContent()).toContain('Tea towel');

    await page.getByRole('link', { name: 'Sales' }).click();
    await page.getByRole('table', { name: 'Sales' }).getByRole('link', { name: 'Reprint' }).first().click();
    const receipt = page.getByRole('article', { name: /Receipt for sale/ });
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain('Blue mug');
  });

  it('sells a typed misc item, flagged on the cart and on the sale', async () => {
    await server.api('owner', 'PATCH', '/api/settings', { miscSales: 'on' });
    await page.getByRole('link', { name: 'Register' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Misc item' }).click();
    const dialog = page.getByRole('dialog', { name: 'Misc item' });
    await dialog.getByLabel('Description').fill('Gift wrap');
    await dialog.getByLabel('Price').fill('2.50');
    await dialog.getByRole('button', { name: 'Add misc item' }).click();
    const miscLine = page.getByTestId('cart-line').filter({ hasText: 'Gift wrap' });
    expect(await miscLine.textContent()).toContain('MISC');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('button', { name: 'Card', exact: true }).click();
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await page.getByRole('region', { name: 'Sale complete' }).waitFor();
    const sales = await server.api<{ items: Array<{ hasMisc: boolean; totals: { totalMinor: number } }> }>(
      'manager',
      'GET',
      '/api/sales?limit=1',
    );
    expect(sales.items[0]).toMatchObject({ hasMisc: true, totals: { totalMinor: 700 } });
  });
});
