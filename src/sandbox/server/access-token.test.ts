import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_AND_LOCATIONS } from '../../shopify/operations/shop-and-locations.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { clientFor, createTestShop, rawGraphql, startTestSandbox } from '../test-support/sandbox-harness.ts';

let now = new Date('2026-11-28T08:00:00Z');
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: { now: () => now }, tokenTtlSeconds: 3600 });
});
afterAll(async () => sandbox.close());

describe('access tokens', () => {
  it('grants an expiring token for the client id and secret, which stops working once it expires', async () => {
    const shop = await createTestShop(sandbox);
    const grant = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: shop.clientId,
        client_secret: shop.clientSecret,
      }).toString(),
    });
    expect(grant.status).toBe(200);
    const body = (await grant.json()) as { access_token: string; expires_in: number; scope: string };
    expect(body.expires_in).toBe(3600);
    const response = await clientFor(sandbox, shop, body.access_token).request(SHOP_AND_LOCATIONS, {
      variables: { first: 5 },
    });
    expect(response.data.shop.myshopifyDomain).toBe(shop.domain);
    now = new Date(now.getTime() + 3601_000);
    const expired = await rawGraphql(sandbox, body.access_token, '{ shop { id } }');
    expect(expired.status).toBe(401);
    // The custom app's permanent token does not expire.
    expect((await rawGraphql(sandbox, shop.accessToken, '{ shop { id } }')).status).toBe(200);
  });

  it('refuses a wrong client secret', async () => {
    const shop = await createTestShop(sandbox);
    const grant = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: shop.clientId,
        client_secret: 'wrong',
      }),
    });
    expect(grant.status).toBe(401);
  });
});
