import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_ADJUST } from '../../shopify/operations/inventory-adjust.ts';
import { ORDER_CREATE } from '../../shopify/operations/order-create.ts';
import { WEBHOOK_SUBSCRIPTION_CREATE } from '../../shopify/operations/webhook-subscription-create.ts';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { createStockedProduct, quantitiesAt } from '../test-support/catalog-fixtures.ts';
import { clientFor, createTestShop, rawGraphql, startTestSandbox } from '../test-support/sandbox-harness.ts';
import type { FaultKnobs } from './fault-knobs.ts';

let sandbox: RunningSandbox;
let receiver: Server;
let receiverUrl: string;
const deliveries: Array<{ at: number; topic: string; eventId: string; body: string }> = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    deliveries.push({
      at: Date.now(),
      topic: String(request.headers['x-shopify-topic']),
      eventId: String(request.headers['x-shopify-event-id']),
      body: Buffer.concat(chunks).toString('utf8'),
    });
    response.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function setFaults(target: RunningSandbox, shop: CreatedShop, knobs: Partial<FaultKnobs>) {
  const response = await fetch(`${target.url}/sandbox/shops/${shop.domain}/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(knobs),
  });
  expect(response.status).toBe(200);
}

async function shopWithOrderHook() {
  const shop = await createTestShop(sandbox);
  await clientFor(sandbox, shop).request(WEBHOOK_SUBSCRIPTION_CREATE, {
    variables: { topic: 'ORDERS_CREATE', uri: receiverUrl },
  });
  const { variantId } = await createStockedProduct(sandbox, shop, `F-${shop.domain.slice(0, 8)}`, 100);
  const placeOrder = async (quantity = 1) => {
    const { data } = await clientFor(sandbox, shop).request(ORDER_CREATE, {
      variables: { order: { lineItems: [{ variantId, quantity }] } },
    });
    return data.orderCreate.order.id as string;
  };
  return { shop, placeOrder };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(predicate: () => boolean, ms = 8000) {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await settle(20);
}
const ordersFor = (orderId: string) =>
  deliveries.filter((d) => JSON.parse(d.body).admin_graphql_api_id === orderId);

describe('fault knobs', () => {
  it('fails API calls with the chosen status and Shopify bodies, without running them', async () => {
    const shop = await createTestShop(sandbox);
    await setFaults(sandbox, shop, { apiFailureRate: 1, apiFailureStatuses: [429] });
    const throttled = await fetch(`${sandbox.url}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': shop.accessToken },
      body: JSON.stringify({ query: '{ shop { id } }' }),
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1.0');
    for (const status of [500, 502, 503]) {
      await setFaults(sandbox, shop, { apiFailureStatuses: [status] });
      expect((await rawGraphql(sandbox, shop.accessToken, '{ shop { id } }')).status).toBe(status);
    }
  });

  it('times a mutation out after applying it', async () => {
    const shop = await createTestShop(sandbox);
    const { itemId } = await createStockedProduct(sandbox, shop, 'TIMEOUT-1', 10);
    await setFaults(sandbox, shop, { timeoutAfterApplyRate: 1 });
    const variables = {
      idempotencyKey: 'timeout-1',
      input: {
        name: 'available',
        reason: 'correction',
        changes: [
          { inventoryItemId: itemId, locationId: shop.locationIds[0], delta: -4, changeFromQuantity: null },
        ],
      },
    };
    const response = await rawGraphql(sandbox, shop.accessToken, INVENTORY_ADJUST, variables);
    expect(response.status).toBe(504);
    await setFaults(sandbox, shop, { timeoutAfterApplyRate: 0 });
    expect((await quantitiesAt(sandbox, shop, itemId)).available).toBe(6);
    // The retry with the same key is answered from the first attempt and not applied again.
    const retry = await clientFor(sandbox, shop).request(INVENTORY_ADJUST, { variables });
    expect(retry.data.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect((await quantitiesAt(sandbox, shop, itemId)).available).toBe(6);
  });

  it('shrinks the bucket', async () => {
    const shop = await createTestShop(sandbox);
    await setFaults(sandbox, shop, { bucketScale: 0.1 });
    const response = await rawGraphql(sandbox, shop.accessToken, '{ shop { id } }');
    expect(response.body.extensions.cost.throttleStatus).toEqual({
      maximumAvailable: 200,
      currentlyAvailable: 199,
      restoreRate: 10,
    });
  });

  it('drops webhooks', async () => {
    const { shop, placeOrder } = await shopWithOrderHook();
    await setFaults(sandbox, shop, { webhookDropRate: 1 });
    const orderId = await placeOrder();
    await settle(500);
    expect(ordersFor(orderId)).toEqual([]);
  });

  it('duplicates webhooks with the same event id', async () => {
    const { shop, placeOrder } = await shopWithOrderHook();
    await setFaults(sandbox, shop, { webhookDuplicateRate: 1 });
    const orderId = await placeOrder();
    await waitFor(() => ordersFor(orderId).length >= 2);
    await settle(200);
    const copies = ordersFor(orderId);
    expect(copies).toHaveLength(2);
    expect(copies[0]?.eventId).toBe(copies[1]?.eventId);
  });

  it('delays webhooks', async () => {
    const { shop, placeOrder } = await shopWithOrderHook();
    await setFaults(sandbox, shop, { webhookDelayRate: 1, webhookDelayMs: 400 });
    const started = Date.now();
    const orderId = await placeOrder();
    await settle(150);
    expect(ordersFor(orderId)).toEqual([]);
    await waitFor(() => ordersFor(orderId).length > 0);
    expect(ordersFor(orderId)[0]?.at ?? 0).toBeGreaterThanOrEqual(started + 400);
  });

  it('reorders webhooks: a held-back delivery arrives after a later one', async () => {
    const { shop, placeOrder } = await shopWithOrderHook();
    await setFaults(sandbox, shop, { webhookReorderRate: 1, webhookDelayMs: 800 });
    const first = await placeOrder();
    await setFaults(sandbox, shop, { webhookReorderRate: 0 });
    const second = await placeOrder();
    await waitFor(() => ordersFor(first).length > 0 && ordersFor(second).length > 0);
    const arrivalOf = (orderId: string) =>
      deliveries.findIndex((d) => JSON.parse(d.body).admin_graphql_api_id === orderId);
    expect(arrivalOf(second)).toBeGreaterThanOrEqual(0);
    expect(arrivalOf(first)).toBeGreaterThan(arrivalOf(second));
  });

  it('decides the same way under the same seed', async () => {
    const statuses = async () => {
      const other = await startTestSandbox({ seed: 42 });
      try {
        const shop = await createTestShop(other);
        await setFaults(other, shop, { apiFailureRate: 0.5, apiFailureStatuses: [500, 502, 503] });
        const seen: number[] = [];
        for (let i = 0; i < 20; i++)
          seen.push((await rawGraphql(other, shop.accessToken, '{ shop { id } }')).status);
        return seen;
      } finally {
        await other.close();
      }
    };
    const first = await statuses();
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(await statuses()).toEqual(first);
  });
});
