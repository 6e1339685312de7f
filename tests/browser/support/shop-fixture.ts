import type { Page } from 'playwright-core';
import type { ShopServer } from './shop-server.ts';

/** Valid EAN-13s (check digits verified) and two that must be refused. */
export const BARCODES = {
  mug: '5012345678900',
  towel: '4006381333931',
  book: '9780201379624',
  unknown: '4006381333948',
  invalid: '5012345678901',
} as const;

export interface ShopFixture {
  locationId: string;
  registerId: string;
  variants: { mug: string; towel: string; book: string };
}

interface Created {
  id: string;
  variants: Array<{ id: string }>;
}

/** A small shop: one location, one till, three products with 10 of each in stock. */
export async function seedShop(server: ShopServer): Promise<ShopFixture> {
  await server.api('owner', 'PATCH', '/api/settings', {
    shopName: 'Corner Shop',
    address: '1 High Street, Oxford OX1 1AA',
    pricesIncludeTax: true,
    receiptFooter: 'Thank you! Returns within 30 days with this receipt.',
  });
  const location = await server.api<{ id: string }>('manager', 'POST', '/api/locations', {
    name: 'Shop floor',
  });
  await server.api('manager', 'POST', '/api/locations', { name: 'Back room' });
  const register = await server.api<{ id: string }>('manager', 'POST', '/api/registers', {
    name: 'Till 1',
    locationId: location.id,
  });
  const product = (name: string, barcode: string, priceMinor: number, taxRateBp: number, sku: string) =>
    server.api<Created>('manager', 'POST', '/api/catalog/products', {
      name,
      taxRateBp,
      variants: [{ sku, barcode, priceMinor, costMinor: Math.floor(priceMinor / 2), lowStockThreshold: 3 }],
    });
  const mug = await product('Blue mug', BARCODES.mug, 1000, 2000, 'MUG-BLU');
  const towel = await product('Tea towel', BARCODES.towel, 450, 2000, 'TOWEL-01');
  const book = await product('Design Patterns (book)', BARCODES.book, 1299, 0, 'BOOK-DP');
  const variants = { mug: mug.variants[0]!.id, towel: towel.variants[0]!.id, book: book.variants[0]!.id };
  await server.api('manager', 'POST', '/api/stock/receipts', {
    locationId: location.id,
    lines: Object.values(variants).map((variantId) => ({ variantId, quantity: 10 })),
    reference: 'opening stock',
  });
  return { locationId: location.id, registerId: register.id, variants };
}

export async function onHand(server: ShopServer, variantId: string, locationId: string): Promise<number> {
  const levels = await server.api<Array<{ locationId: string; onHand: number }>>(
    'manager',
    'GET',
    `/api/stock/levels?variantId=${variantId}&locationId=${locationId}`,
  );
  return levels.find((l) => l.locationId === locationId)?.onHand ?? 0;
}

/** Types like a USB scanner: the code's characters 5 ms apart, then Enter. */
export async function scanWithKeyboard(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Signs in through the form, after dropping any earlier session in this browser profile. */
export async function signIn(page: Page, server: ShopServer, email: string, password: string): Promise<void> {
  page.setDefaultTimeout(8000);
  await page.context().clearCookies();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

export const SCREENSHOTS = process.env.TILLSYNC_SCREENSHOTS === '1' ? 'screenshots' : null;

/**
 * Milliseconds from the page recognising the scan (its Enter keydown, marked on the page's performance
 * timeline) to the new cart row being in the page, measured inside the browser, so the time Playwright
 * takes to type the digits is not counted.
 */
export async function timeScanToCartRow(page: Page, code: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { rowAt: number };
    w.rowAt = 0;
    performance.clearMarks('tillsync:scan');
    const before = document.querySelectorAll('[data-testid="cart-line"]').length;
    const observer = new MutationObserver(() => {
      if (document.querySelectorAll('[data-testid="cart-line"]').length > before) {
        w.rowAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await scanWithKeyboard(page, code);
  await page.waitForFunction(() => (window as unknown as { rowAt: number }).rowAt > 0);
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('tillsync:scan').at(-1);
    if (!mark) throw new Error('the page marked no scan');
    return (window as unknown as { rowAt: number }).rowAt - mark.startTime;
  });
}
