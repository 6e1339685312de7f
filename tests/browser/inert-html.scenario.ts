import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_NAMES, PAGE_CASES, pageCaseName } from '../bad-input/page-cases.ts';
import { launchChromium } from './support/browser.ts';
import { type ShopFixture, seedShop, signIn } from './support/shop-fixture.ts';
import { PASSWORD, type ShopServer, startShopServer } from './support/shop-server.ts';

/**
 * Names holding markup, typed by a member of staff, must reach other people's screens as text. Each
 * name would set window.__xss if it ever became markup: an <img src=x> fires onerror at once.
 */
describe('markup in names is inert in the pages', () => {
  let server: ShopServer;
  let shop: ShopFixture;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;
  let page: Page;
  const hostileEmail = 'mallory@shop.test';

  beforeAll(async () => {
    [server, chromium] = await Promise.all([startShopServer(), launchChromium()]);
    browser = chromium.context;
    shop = await seedShop(server);
    const created = await Promise.all(
      [HOSTILE_NAMES.img, HOSTILE_NAMES.script].map((name, i) =>
        server.api<{ variants: Array<{ id: string }> }>('manager', 'POST', '/api/catalog/products', {
          name,
          taxRateBp: 0,
          variants: [{ sku: `XSS-${i}`, priceMinor: 100 }],
        }),
      ),
    );
    await server.api('manager', 'POST', '/api/stock/receipts', {
      locationId: shop.locationId,
      lines: created.map((product) => ({ variantId: product.variants[0]!.id, quantity: 5 })),
    });
    await server.api('owner', 'POST', '/api/staff', {
      email: hostileEmail,
      displayName: HOSTILE_NAMES.staff,
      role: 'cashier',
      password: PASSWORD,
    });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** The literal text is on screen, and nothing of it became an element or ran. */
  async function expectInert(names: readonly string[]) {
    for (const name of names) await page.getByText(name, { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('script', { hasText: '__xss' }).count()).toBe(0);
    expect(await page.locator('b', { hasText: 'Mallory' }).count()).toBe(0);
  }

  const [tillSearch, tillCart, productsList, stockPage, topBar, garbageSession] =
    PAGE_CASES.map(pageCaseName);

  it(tillSearch!, async () => {
    await signIn(page, server, server.staff.cashier.email, PASSWORD);
    await page.getByRole('button', { name: 'Till 1' }).click();
    await page.getByLabel('Search products by name, SKU or barcode').fill('window.__xss');
    await page.getByRole('list', { name: 'Search results' }).waitFor();
    await expectInert([HOSTILE_NAMES.img, HOSTILE_NAMES.script]);
  });

  it(tillCart!, async () => {
    await page.getByRole('button', { name: /onerror/ }).click();
    await page.getByTestId('cart-line').first().waitFor();
    expect(await page.getByTestId('cart-line').first().textContent()).toContain(HOSTILE_NAMES.img);
    await expectInert([HOSTILE_NAMES.img]);
  });

  it(productsList!, async () => {
    await signIn(page, server, server.staff.manager.email, PASSWORD);
    await page.goto(`${server.baseUrl}/back-office/products`);
    await page.getByLabel('Search products').fill('window.__xss');
    await expectInert([HOSTILE_NAMES.img, HOSTILE_NAMES.script]);
  });

  it(stockPage!, async () => {
    await page.goto(`${server.baseUrl}/back-office/stock`);
    await page.getByLabel('Find an item').fill('window.__xss');
    await expectInert([HOSTILE_NAMES.img, HOSTILE_NAMES.script]);
  });

  it(topBar!, async () => {
    await signIn(page, server, hostileEmail, PASSWORD);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain(HOSTILE_NAMES.staff);
    await expectInert([HOSTILE_NAMES.staff]);
  });

  it(garbageSession!, async () => {
    await page.context().clearCookies();
    await page.context().addCookies([{ name: 'tillsync_session', value: 'garbage', url: server.baseUrl }]);
    await page.goto(`${server.baseUrl}/back-office/products`);
    await page.getByLabel('Email').waitFor();
    expect(await page.getByRole('table', { name: 'Products' }).count()).toBe(0);
    expect(await page.getByText('Blue mug').count()).toBe(0);
  });
});
