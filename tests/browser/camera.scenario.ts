import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { writeBarcodeVideo } from './support/fake-camera.ts';
import { BARCODES, seedShop, signIn } from './support/shop-fixture.ts';
import { PASSWORD, type ShopServer, startShopServer } from './support/shop-server.ts';

/** Camera scanning: Chromium's fake camera shows a barcode; ZXing reads it and the item is added. */
describe('camera scanning at the till', () => {
  let server: ShopServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const videoDir = mkdtempSync(join(tmpdir(), 'tillsync-camera-'));

  beforeAll(async () => {
    const video = join(videoDir, 'barcode.y4m');
    writeBarcodeVideo(video, BARCODES.towel);
    [server, chromium] = await Promise.all([
      startShopServer(),
      launchChromium(undefined, [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ]),
    ]);
    await seedShop(server);
    page = await chromium.context.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    rmSync(videoDir, { recursive: true, force: true });
  });

  it('adds the item whose barcode the camera sees', async () => {
    await signIn(page, server, server.staff.cashier.email, PASSWORD);
    await page.getByRole('button', { name: 'Till 1' }).click();
    await page.getByRole('button', { name: 'Camera' }).click();
    await page.getByTestId('cart-line').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('cart-line').textContent()).toContain('Tea towel');
    expect(await page.getByRole('dialog', { name: 'Scan with camera' }).count()).toBe(0);
  });
});
