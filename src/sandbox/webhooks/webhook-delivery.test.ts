import '@shopify/shopify-api/adapters/node';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_CREATE } from '../../shopify/operations/order-create.ts';
import { PRODUCT_DELETE } from '../../shopify/operations/product-delete.ts';
import { PRODUCT_SET } from '../../shopify/operations/product-set.ts';
import { WEBHOOK_SUBSCRIPTION_CREATE } from '../../shopify/operations/webhook-subscription-create.ts';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { createStockedProduct } from '../test-support/catalog-fixtures.ts';
import { clientFor, createTestShop, startTestSandbox } from '../test-support/sandbox-harness.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  validWithSecret: boolean;
  validWithOtherSecret: boolean;
  validWithOtherBody: boolean;
}

const peer = (secret: string) =>
  shopifyApi({
    apiKey: 'sandbox-app',
    apiSecretKey: secret,
    hostName: 'localhost',
    apiVersion: '2026-07' as ApiVersion,
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: () => {} },
  });

let sandbox: RunningSandbox;
let shop: CreatedShop;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  sandbox = await startTestSandbox({ webhookRetryBaseMs: 20 });
  shop = await createTestShop(sandbox);
  const right = peer(shop.apiSecret);
  const wrong = peer('shpss_not_the_secret');
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const validate = (api: ReturnType<typeof peer>, rawBody: string) =>
      api.webhooks.validate({ rawBody, rawRequest: request, rawResponse: response }).then((r) => r.valid);
    received.push({
      headers: request.headers,
      body,
      validWithSecret: await validate(right, body),
      validWithOtherSecret: await validate(wrong, body),
      validWithOtherBody: await validate(right, body.replace(/"quantity":\d+/, '"quantity":999')),
    });
    response.statusCode = answer;
    response.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function waitFor(predicate: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

describe('the response limit', () => {
  it('counts a receiver slower than the limit as a failure and delivers again', async () => {
    const quick = await startTestSandbox({ webhookRetryBaseMs: 20, webhookResponseLimitMs: 150 });
    let calls = 0;
    const slow = createServer((_request, response) => {
      calls++;
      // The first answer comes too late; later ones in time.
      setTimeout(() => response.end(), calls === 1 ? 600 : 0);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const address = slow.address();
      const uri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slow`;
      const target = await createTestShop(quick);
      await clientFor(quick, target).request(WEBHOOK_SUBSCRIPTION_CREATE, {
        variables: { topic: 'ORDERS_CREATE', uri },
      });
      const { variantId } = await createStockedProduct(quick, target, 'SLOW-1', 2);
      await clientFor(quick, target).request(ORDER_CREATE, {
        variables: { order: { lineItems: [{ variantId, quantity: 1 }] } },
      });
      await waitFor(() => calls >= 2);
      expect(calls).toBeGreaterThanOrEqual(2);
      const delivery = () =>
        quick.runtime.db
          .prepare("SELECT status, attempts FROM webhook_deliveries WHERE topic = 'orders/create'")
          .get() as {
          status: string;
          attempts: number;
        };
      await waitFor(() => delivery().status === 'delivered');
      expect(delivery()).toEqual({ status: 'delivered', attempts: 2 });
    } finally {
      await quick.close();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

describe('webhook deliveries', () => {
  it('refuses a plain-http callback on a public host, as Shopify does', async () => {
    const { data } = await clientFor(sandbox, shop).request(WEBHOOK_SUBSCRIPTION_CREATE, {
      variables: { topic: 'ORDERS_CREATE', uri: 'http://pos.example.com/webhooks' },
    });
    expect(data.webhookSubscriptionCreate).toEqual({
      webhookSubscription: null,
      userErrors: [
        {
          field: ['webhookSubscription', 'callbackUrl'],
          message: 'Address protocol http:// is not supported',
        },
      ],
    });
  });

  it('delivers orders/create with headers and an HMAC that @shopify/shopify-api accepts, and refuses when body or secret differ', async () => {
    const client = clientFor(sandbox, shop);
    const created = await client.request(WEBHOOK_SUBSCRIPTION_CREATE, {
      variables: { topic: 'ORDERS_CREATE', uri: receiverUrl },
    });
    expect(created.data.webhookSubscriptionCreate.userErrors).toEqual([]);
    const { variantId } = await createStockedProduct(sandbox, shop, 'HOOK-1', 5);
    const order = await client.request(ORDER_CREATE, {
      variables: {
        order: { lineItems: [{ variantId, quantity: 2 }] },
        options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
      },
    });
    await waitFor(() => received.length > 0);
    const [delivery] = received;
    expect(delivery).toBeDefined();
    if (!delivery) return;
    expect(delivery.validWithSecret).toBe(true);
    expect(delivery.validWithOtherSecret).toBe(false);
    expect(delivery.validWithOtherBody).toBe(false);
    expect(delivery.headers).toMatchObject({
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': shop.domain,
      'x-shopify-api-version': '2026-07',
      'x-shopify-webhook-id': expect.any(String),
      'x-shopify-event-id': expect.any(String),
      'x-shopify-triggered-at': expect.any(String),
    });
    const payload = JSON.parse(delivery.body);
    expect(payload.admin_graphql_api_id).toBe(order.data.orderCreate.order.id);
    expect(payload.line_items[0]).toMatchObject({
      quantity: 2,
      current_quantity: 2,
      fulfillable_quantity: 2,
      sku: 'HOOK-1',
    });
  });

  it('delivers every topic the POS needs, with REST-shaped payloads', async () => {
    const other = await createTestShop(sandbox);
    const client = clientFor(sandbox, other);
    for (const topic of [
      'ORDERS_CREATE',
      'ORDERS_UPDATED',
      'ORDERS_CANCELLED',
      'ORDERS_FULFILLED',
      'REFUNDS_CREATE',
      'INVENTORY_LEVELS_UPDATE',
      'PRODUCTS_UPDATE',
      'PRODUCTS_DELETE',
    ]) {
      await client.request(WEBHOOK_SUBSCRIPTION_CREATE, { variables: { topic, uri: receiverUrl } });
    }
    received.length = 0;
    const { variantId, itemId } = await createStockedProduct(sandbox, other, 'HOOK-ALL', 5);
    const base = `${sandbox.url}/sandbox/shops/${other.domain}`;
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const first = (await post(`${base}/orders`, { lines: [{ variantId, quantity: 1 }] })) as {
      order: { id: string; lineItems: { nodes: Array<{ id: string }> } };
    };
    const firstId = first.order.id.split('/').pop();
    await post(`${base}/orders/${firstId}/fulfil`, {});
    await post(`${base}/orders/${firstId}/refund`, {
      lines: [
        {
          lineItemId: first.order.lineItems.nodes[0]?.id,
          quantity: 1,
          restockType: 'RETURN',
          locationId: other.locationIds[0],
        },
      ],
    });
    const second = (await post(`${base}/orders`, { lines: [{ variantId, quantity: 1 }] })) as {
      order: { id: string };
    };
    await post(`${base}/orders/${second.order.id.split('/').pop()}/cancel`, { restock: true });
    const product = await client.request(PRODUCT_SET, { variables: { input: { title: 'Gone soon' } } });
    await client.request(PRODUCT_SET, {
      variables: { identifier: { id: product.data.productSet.product.id }, input: { title: 'Renamed' } },
    });
    await client.request(PRODUCT_DELETE, { variables: { id: product.data.productSet.product.id } });
    const topics = [
      'orders/create',
      'orders/updated',
      'orders/cancelled',
      'orders/fulfilled',
      'refunds/create',
      'inventory_levels/update',
      'products/update',
      'products/delete',
    ];
    // Deliveries may arrive in any order: wait for every topic, and for the level update that the
    // restocked cancellation (the last stock change) causes.
    await waitFor(
      () =>
        topics.every((topic) => received.some((r) => r.headers['x-shopify-topic'] === topic)) &&
        received.some(
          (r) =>
            r.headers['x-shopify-topic'] === 'inventory_levels/update' && JSON.parse(r.body).available === 5,
        ),
    );
    const byTopic = (topic: string) =>
      received.filter((r) => r.headers['x-shopify-topic'] === topic).map((r) => JSON.parse(r.body));
    expect(topics.filter((topic) => byTopic(topic).length === 0)).toEqual([]);
    expect(byTopic('refunds/create')[0].refund_line_items[0]).toMatchObject({
      quantity: 1,
      restock_type: 'return',
      location_id: Number(other.locationIds[0]?.split('/').pop()),
    });
    expect(byTopic('inventory_levels/update')).toContainEqual({
      inventory_item_id: Number(itemId.split('/').pop()),
      location_id: Number(other.locationIds[0]?.split('/').pop()),
      available: 5,
      updated_at: expect.any(String),
      admin_graphql_api_id: expect.stringMatching(
        /^gid:\/\/shopify\/InventoryLevel\/\d+\?inventory_item_id=\d+$/,
      ),
    });
    expect(byTopic('products/delete')[0]).toEqual({
      id: Number(product.data.productSet.product.id.split('/').pop()),
    });
  });

  it('retries a failed delivery with the original payload until the receiver answers 2xx', async () => {
    received.length = 0;
    answer = 500;
    const client = clientFor(sandbox, shop);
    const { variantId } = await createStockedProduct(sandbox, shop, 'HOOK-2', 5);
    await client.request(ORDER_CREATE, { variables: { order: { lineItems: [{ variantId, quantity: 1 }] } } });
    await waitFor(() => received.length >= 3);
    answer = 200;
    const failures = received.length;
    await waitFor(() => received.length > failures);
    const bodies = new Set(received.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(new Set(received.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
  });
});
