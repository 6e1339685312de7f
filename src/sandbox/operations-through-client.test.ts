import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bulkRun from '../shopify/operations/bulk-operation-run-query.ts';
import * as bulkStatus from '../shopify/operations/bulk-operation-status.ts';
import { PRODUCT_VARIANTS_COUNT, VARIANTS_PAGE } from '../shopify/operations/catalog-read.ts';
import { SHOP_AND_SCOPES } from '../shopify/operations/connection.ts';
import { FULFILLMENT_CREATE } from '../shopify/operations/fulfillment-create.ts';
import { INVENTORY_ACTIVATE } from '../shopify/operations/inventory-activate.ts';
import { INVENTORY_ADJUST } from '../shopify/operations/inventory-adjust.ts';
import { INVENTORY_ITEM_LEVELS } from '../shopify/operations/inventory-item-levels.ts';
import { INVENTORY_LEVELS_BY_IDS } from '../shopify/operations/inventory-levels-by-ids.ts';
import { INVENTORY_SET } from '../shopify/operations/inventory-set.ts';
import { ORDER_CANCEL } from '../shopify/operations/order-cancel.ts';
import { ORDER_CREATE } from '../shopify/operations/order-create.ts';
import { ORDER_SNAPSHOT, ORDERS_UPDATED_SINCE } from '../shopify/operations/orders-updated-since.ts';
import { PRODUCT_DELETE } from '../shopify/operations/product-delete.ts';
import { PRODUCT_SET } from '../shopify/operations/product-set.ts';
import { PRODUCT_SET_BY_HANDLE } from '../shopify/operations/product-set-by-handle.ts';
import { PRODUCT_VARIANTS_SEARCH } from '../shopify/operations/product-variants-search.ts';
import { PRODUCTS_PAGE } from '../shopify/operations/products-page.ts';
import { REFUND_CREATE } from '../shopify/operations/refund-create.ts';
import { SHOP_AND_LOCATIONS } from '../shopify/operations/shop-and-locations.ts';
import { WEBHOOK_SUBSCRIPTION_CREATE } from '../shopify/operations/webhook-subscription-create.ts';
import { WEBHOOK_SUBSCRIPTION_DELETE } from '../shopify/operations/webhook-subscription-delete.ts';
import { WEBHOOK_SUBSCRIPTIONS } from '../shopify/operations/webhook-subscriptions.ts';
import type { CreatedShop } from './control/shops.service.ts';
import type { RunningSandbox } from './start-sandbox.ts';
import { clientFor, createTestShop, repoRoot, startTestSandbox } from './test-support/sandbox-harness.ts';

let sandbox: RunningSandbox;
let shop: CreatedShop;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
});
afterAll(async () => sandbox.close());

const ran = new Set<string>();

/** Sends one project operation through the official client and insists on no GraphQL errors. */
async function send(name: string, document: string, variables: Record<string, unknown> = {}) {
  const response = await clientFor(sandbox, shop).request(document, { variables });
  expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
  ran.add(name);
  return response.data;
}

describe('every operation of src/shopify/operations through @shopify/admin-api-client', () => {
  it('runs the whole sync vocabulary against the sandbox without a GraphQL error', async () => {
    const locationId = shop.locationIds[0];
    const otherLocation = shop.locationIds[1];
    await send('SHOP_AND_LOCATIONS', SHOP_AND_LOCATIONS, { first: 10 });
    await send('SHOP_AND_SCOPES', SHOP_AND_SCOPES);
    const product = await send('PRODUCT_SET', PRODUCT_SET, {
      input: {
        title: 'Tea towel',
        variants: [
          {
            optionValues: [{ optionName: 'Title', name: 'Default Title' }],
            sku: 'TOWEL-1',
            barcode: '5000000000017',
            price: '8.00',
            inventoryItem: { tracked: true },
            inventoryQuantities: [{ locationId, name: 'available', quantity: 10 }],
          },
        ],
      },
    });
    const upsert = {
      identifier: { handle: 'apron-prd-1' },
      input: {
        title: 'Apron',
        handle: 'apron-prd-1',
        productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
        variants: [
          { optionValues: [{ optionName: 'Title', name: 'Default Title' }], sku: 'APRON-1', price: '12.00' },
        ],
      },
    };
    const created = await send('PRODUCT_SET_BY_HANDLE', PRODUCT_SET_BY_HANDLE, upsert);
    const again = await send('PRODUCT_SET_BY_HANDLE', PRODUCT_SET_BY_HANDLE, upsert);
    expect(again.productSet.product.id).toBe(created.productSet.product.id);
    const variant = product.productSet.product.variants.nodes[0];
    const itemId = variant.inventoryItem.id;
    await send('PRODUCTS_PAGE', PRODUCTS_PAGE, { first: 50 });
    await send('VARIANTS_PAGE', VARIANTS_PAGE, { after: null });
    const count = await send('PRODUCT_VARIANTS_COUNT', PRODUCT_VARIANTS_COUNT, { limit: 2000 });
    expect(count.productVariantsCount).toEqual({ count: 2, precision: 'EXACT' });
    await send('PRODUCT_VARIANTS_SEARCH', PRODUCT_VARIANTS_SEARCH, {
      first: 10,
      query: 'updated_at:>2000-01-01T00:00:00Z',
    });
    await send('INVENTORY_ITEM_LEVELS', INVENTORY_ITEM_LEVELS, { inventoryItemId: itemId, locationId });
    await send('INVENTORY_LEVELS_BY_IDS', INVENTORY_LEVELS_BY_IDS, { ids: [itemId] });
    await send('INVENTORY_ACTIVATE', INVENTORY_ACTIVATE, {
      inventoryItemId: itemId,
      locationId: otherLocation,
      available: 2,
      idempotencyKey: 'activate-1',
    });
    await send('INVENTORY_ADJUST', INVENTORY_ADJUST, {
      idempotencyKey: 'adjust-1',
      input: {
        name: 'available',
        reason: 'correction',
        changes: [{ inventoryItemId: itemId, locationId, delta: 1, changeFromQuantity: 10 }],
      },
    });
    await send('INVENTORY_SET', INVENTORY_SET, {
      idempotencyKey: 'set-1',
      input: {
        name: 'available',
        reason: 'correction',
        quantities: [{ inventoryItemId: itemId, locationId, quantity: 12, changeFromQuantity: 11 }],
      },
    });
    const hook = await send('WEBHOOK_SUBSCRIPTION_CREATE', WEBHOOK_SUBSCRIPTION_CREATE, {
      topic: 'REFUNDS_CREATE',
      uri: 'https://pos.example.com/webhooks',
    });
    await send('WEBHOOK_SUBSCRIPTIONS', WEBHOOK_SUBSCRIPTIONS, { first: 10 });
    await send('WEBHOOK_SUBSCRIPTION_DELETE', WEBHOOK_SUBSCRIPTION_DELETE, {
      id: hook.webhookSubscriptionCreate.webhookSubscription.id,
    });
    const order = await send('ORDER_CREATE', ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant.id, quantity: 2 }] },
      options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY' },
    });
    const fo = order.orderCreate.order.fulfillmentOrders.nodes[0];
    await send('FULFILLMENT_CREATE', FULFILLMENT_CREATE, {
      fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] },
    });
    await send('REFUND_CREATE', REFUND_CREATE, {
      idempotencyKey: 'refund-1',
      input: {
        orderId: order.orderCreate.order.id,
        refundLineItems: [
          {
            lineItemId: order.orderCreate.order.lineItems.nodes[0].id,
            quantity: 1,
            restockType: 'RETURN',
            locationId,
          },
        ],
      },
    });
    const second = await send('ORDER_CREATE', ORDER_CREATE, {
      order: { lineItems: [{ variantId: variant.id, quantity: 1 }] },
    });
    await send('ORDER_SNAPSHOT', ORDER_SNAPSHOT, { id: order.orderCreate.order.id });
    await send('ORDER_CANCEL', ORDER_CANCEL, {
      orderId: second.orderCreate.order.id,
      restock: true,
      reason: 'CUSTOMER',
    });
    await send('ORDERS_UPDATED_SINCE', ORDERS_UPDATED_SINCE, {
      first: 50,
      query: 'updated_at:>2000-01-01T00:00:00Z',
    });
    const bulk = await send('BULK_OPERATION_RUN_QUERY', bulkRun.BULK_OPERATION_RUN_QUERY, {
      query: bulkRun.BULK_INVENTORY_LEVELS_QUERY,
    });
    expect(bulk.bulkOperationRunQuery.userErrors).toEqual([]);
    ran.add('BULK_INVENTORY_LEVELS_QUERY');
    const variantsJob = await send('BULK_OPERATION_RUN_QUERY', bulkRun.BULK_OPERATION_RUN_QUERY, {
      query: bulkRun.BULK_VARIANTS_QUERY,
    });
    expect(variantsJob.bulkOperationRunQuery.userErrors).toEqual([]);
    ran.add('BULK_VARIANTS_QUERY');
    await send('BULK_OPERATION_STATUS', bulkStatus.BULK_OPERATION_STATUS, {
      id: bulk.bulkOperationRunQuery.bulkOperation.id,
    });
    await send('CURRENT_BULK_OPERATION', bulkStatus.CURRENT_BULK_OPERATION);
    const doomed = await send('PRODUCT_SET', PRODUCT_SET, { input: { title: 'Withdrawn' } });
    const deleted = await send('PRODUCT_DELETE', PRODUCT_DELETE, { id: doomed.productSet.product.id });
    expect(deleted.productDelete.deletedProductId).toBe(doomed.productSet.product.id);

    const exported = new Set<string>();
    const folder = resolve(repoRoot, 'src/shopify/operations');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      for (const [name, value] of Object.entries(await import(resolve(folder, file))))
        if (typeof value === 'string') exported.add(name);
    }
    expect([...exported].filter((name) => !ran.has(name))).toEqual([]);
  });
});
