import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedShop } from '../sandbox/control/shops.service.ts';
import type { RunningSandbox } from '../sandbox/start-sandbox.ts';
import { createTestShop, startTestSandbox } from '../sandbox/test-support/sandbox-harness.ts';
import { PRODUCT_SET } from './operations/product-set.ts';
import { SHOP_AND_LOCATIONS } from './operations/shop-and-locations.ts';
import { createShopifyGraphql, staticToken } from './shopify-graphql.ts';

let sandbox: RunningSandbox;
let shop: CreatedShop;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
});
afterAll(async () => sandbox.close());

describe('the cost counter of the Shopify GraphQL client', () => {
  it('adds up the requested and actual cost Shopify reports, call by call', async () => {
    const shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
    });
    expect(shopify.costSpent()).toEqual({ actual: 0, requested: 0, calls: 0 });
    const reported = { actual: 0, requested: 0 };
    for (let i = 0; i < 3; i++) {
      const result = await shopify.request(SHOP_AND_LOCATIONS, { first: 10 });
      if (!result.ok || !result.cost) throw new Error('expected a costed answer');
      reported.actual += result.cost.actualQueryCost ?? 0;
      reported.requested += result.cost.requestedQueryCost;
    }
    const spent = shopify.costSpent();
    expect(spent).toEqual({ ...reported, calls: 3 });
    // Requested is sized for a full page of locations; the shop has fewer, so less was spent.
    expect(spent.actual).toBeGreaterThan(0);
    expect(spent.actual).toBeLessThan(spent.requested);
  });

  it('counts nothing for a document refused before it runs (no cost block, nothing charged)', async () => {
    const shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
      maxAttempts: 1,
    });
    const result = await shopify.request('query Broken { shop { noSuchField } }');
    expect(result.ok).toBe(false);
    expect(shopify.costSpent()).toEqual({ actual: 0, requested: 0, calls: 0 });
  });

  it('gives callers a copy, so a reading is not changed by later calls', async () => {
    const shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
    });
    const before = shopify.costSpent();
    await shopify.request(SHOP_AND_LOCATIONS, { first: 1 });
    expect(before.calls).toBe(0);
    expect(shopify.costSpent().calls).toBe(1);
  });
});

describe('retries of the Shopify GraphQL client', () => {
  async function setFaults(knobs: Record<string, unknown>) {
    const response = await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(knobs),
    });
    expect(response.status).toBe(200);
  }
  async function productsTitled(title: string): Promise<number> {
    const shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
    });
    const result = await shopify.request<{ products: { nodes: unknown[] } }>(
      'query Titled($q: String!) { products(first: 50, query: $q) { nodes { id } } }',
      { q: `title:'${title}'` },
    );
    if (!result.ok) throw new Error(result.message);
    return result.data.products.nodes.length;
  }

  it('does not repeat a mutation without an idempotency key after a 5xx: Shopify may have applied it', async () => {
    const shopify = createShopifyGraphql({
      shopDomain: shop.domain,
      tokens: staticToken(shop.accessToken),
      apiOrigin: sandbox.url,
      maxAttempts: 4,
    });
    await setFaults({ timeoutAfterApplyRate: 1 });
    const title = 'Applied before the 504';
    const result = await shopify.request(PRODUCT_SET, {
      input: {
        title,
        variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], price: '1.00' }],
      },
    });
    await setFaults({ timeoutAfterApplyRate: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.attempts).toBe(1);
    expect(await productsTitled(title)).toBe(1);
  });
});
