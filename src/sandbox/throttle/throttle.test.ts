import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { createTestShop, rawGraphql, startTestSandbox } from '../test-support/sandbox-harness.ts';

let now = new Date('2026-11-28T10:00:00Z');
const clock = { now: () => now };
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock });
});
afterAll(async () => sandbox.close());

// 2 + 11 × (1 product + 13 for its variants(first:250){nodes{id}}) = 156 requested; nothing returned: 2.
const costly = '{ products(first: 250) { nodes { id variants(first: 250) { nodes { id } } } } }';

describe('cost-based throttling', () => {
  it('answers THROTTLED with HTTP 200 once the bucket cannot cover the requested cost, and recovers at the restore rate', async () => {
    const shop: CreatedShop = await createTestShop(sandbox);
    const holdAll = '{ a: products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }';
    let last = await rawGraphql(sandbox, shop.accessToken, costly);
    expect(last.body.extensions.cost).toMatchObject({ requestedQueryCost: 156, actualQueryCost: 2 });
    expect(last.body.extensions.cost.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 1998,
      restoreRate: 100,
    });
    // With 250 products every call is charged in full; the clock stands still, so nothing refills.
    await fetch(`${sandbox.url}/sandbox/shops/${shop.domain}/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variants: 500, variantsPerProduct: 2 }),
    });
    let calls = 0;
    while (last.body.data && calls < 100) {
      last = await rawGraphql(sandbox, shop.accessToken, holdAll);
      calls++;
    }
    expect(calls).toBe(13);
    expect(last.status).toBe(200);
    expect(last.body).toEqual({
      errors: [
        { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: expect.any(String) } },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 156,
          actualQueryCost: null,
          throttleStatus: {
            maximumAvailable: 2000,
            currentlyAvailable: expect.any(Number),
            restoreRate: 100,
          },
        },
      },
    });
    expect(last.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(156);
    now = new Date(now.getTime() + 2000);
    const after = await rawGraphql(sandbox, shop.accessToken, holdAll);
    expect(after.body.data).toBeDefined();
  });

  it('keeps one bucket per shop and sizes it by plan', async () => {
    const plus = await createTestShop(sandbox, 'plus');
    const response = await rawGraphql(sandbox, plus.accessToken, '{ shop { id } }');
    expect(response.body.extensions.cost).toEqual({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 20000, currentlyAvailable: 19999, restoreRate: 1000 },
    });
  });

  it('refuses a query above 1000 points with MAX_COST_EXCEEDED and charges nothing', async () => {
    const shop = await createTestShop(sandbox);
    const huge =
      '{ products(first: 250) { nodes { variants(first: 250) { nodes { inventoryItem { inventoryLevels(first: 250) { nodes { id location { id } } } } } } } } }';
    const response = await rawGraphql(sandbox, shop.accessToken, huge);
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', maxCost: 1000 });
    expect(response.body.data).toBeUndefined();
    const next = await rawGraphql(sandbox, shop.accessToken, '{ shop { id } }');
    expect(next.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(1999);
  });
});
