import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedShop } from '../sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { createTestShop, startTestSandbox } from '../sandbox/test-support/sandbox-harness.ts';
import { BULK_VARIANTS_QUERY } from './operations/bulk-operation-run-query.ts';
import { readAllShopifyAvailable } from './reconcile-bulk-read.ts';
import { startBulkQuery, waitForBulkOperation } from './shopify-bulk-query.ts';
import { createShopifyGraphql, type ShopifyGraphql, staticToken } from './shopify-graphql.ts';

/** Bulk exports against the sandbox: jobs already running for the app are waited out, not failed. */
const VARIANTS = 5000;

let sandbox: RunningSandbox;
let shop: CreatedShop;
let shopify: ShopifyGraphql;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
  const seeded = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variants: VARIANTS, quantity: 6 }),
  });
  expect(seeded.ok).toBe(true);
  shopify = createShopifyGraphql({
    shopDomain: shop.domain,
    tokens: staticToken(shop.accessToken),
    apiOrigin: sandbox.url,
  });
}, 60_000);
afterAll(async () => sandbox.close());

describe('bulk exports', () => {
  it('waits for the jobs Shopify says are in progress, then runs its own to the end', async () => {
    const running: string[] = [];
    for (let i = 0; i < 5; i++) {
      const started = await startBulkQuery(shopify, BULK_VARIANTS_QUERY);
      if (!started.ok) throw new Error(started.message);
      running.push(started.id);
    }
    const refused = await startBulkQuery(shopify, BULK_VARIANTS_QUERY);
    expect(refused).toEqual({
      ok: false,
      inProgress: running,
      message: expect.stringContaining('in progress'),
    });

    const read = await readAllShopifyAvailable(shopify, { pollMs: 50 });
    if (!read.ok) throw new Error(read.message);
    // Every item at both of the shop's locations, as seeded.
    expect(read.levels.size).toBe(VARIANTS * 2);
    expect(new Set(read.levels.values())).toEqual(new Set([6]));
    for (const id of running)
      expect(await waitForBulkOperation(shopify, id, { pollMs: 50 })).toMatchObject({ status: 'COMPLETED' });
  }, 60_000);

  it('reports a job that does not exist instead of waiting for it', async () => {
    expect(await waitForBulkOperation(shopify, 'gid://shopify/BulkOperation/999999999')).toEqual({
      status: 'UNKNOWN',
      message: 'no bulk operation gid://shopify/BulkOperation/999999999',
    });
  });
});
