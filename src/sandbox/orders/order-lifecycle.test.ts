import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULFILLMENT_CREATE } from '../../shopify/operations/fulfillment-create.ts';
import { ORDER_CANCEL } from '../../shopify/operations/order-cancel.ts';
import { ORDER_CREATE } from '../../shopify/operations/order-create.ts';
import { ORDERS_UPDATED_SINCE } from '../../shopify/operations/orders-updated-since.ts';
import { REFUND_CREATE } from '../../shopify/operations/refund-create.ts';
import type { CreatedShop } from '../control/shops.service.ts';
import type { RunningSandbox } from '../start-sandbox.ts';
import { createStockedProduct, quantitiesAt } from '../test-support/catalog-fixtures.ts';
import { clientFor, createTestShop, startTestSandbox } from '../test-support/sandbox-harness.ts';

let sandbox: RunningSandbox;
let shop: CreatedShop;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = await createTestShop(sandbox);
});
afterAll(async () => sandbox.close());

async function order(variantId: string, quantity: number, inventoryBehaviour = 'DECREMENT_OBEYING_POLICY') {
  const { data, errors } = await clientFor(sandbox, shop).request(ORDER_CREATE, {
    variables: { order: { lineItems: [{ variantId, quantity }] }, options: { inventoryBehaviour } },
  });
  expect(errors).toBeUndefined();
  return data.orderCreate;
}

describe('orders moving stock as Shopify does (NOTES §3)', () => {
  it('order → fulfil → refund(RETURN) moves available, committed and on_hand step by step', async () => {
    const { variantId, itemId } = await createStockedProduct(sandbox, shop, 'LIFE-1', 5);
    const client = clientFor(sandbox, shop);
    const created = await order(variantId, 2);
    expect(created.userErrors).toEqual([]);
    expect(created.order.name).toMatch(/^#\d+$/);
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 3,
      committed: 2,
      on_hand: 5,
    });
    const fo = created.order.fulfillmentOrders.nodes[0];
    expect(fo.assignedLocation.location.id).toBe(shop.locationIds[0]);

    const fulfilled = await client.request(FULFILLMENT_CREATE, {
      variables: { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } },
    });
    expect(fulfilled.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(fulfilled.data.fulfillmentCreate.fulfillment).toMatchObject({
      name: `${created.order.name}-F1`,
      status: 'SUCCESS',
      totalQuantity: 2,
    });
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 3,
      committed: 0,
      on_hand: 3,
    });

    const refund = await client.request(REFUND_CREATE, {
      variables: {
        idempotencyKey: 'refund-life-1',
        input: {
          orderId: created.order.id,
          refundLineItems: [
            {
              lineItemId: created.order.lineItems.nodes[0].id,
              quantity: 1,
              restockType: 'RETURN',
              locationId: shop.locationIds[0],
            },
          ],
        },
      },
    });
    expect(refund.data.refundCreate.userErrors).toEqual([]);
    expect(refund.data.refundCreate.refund.refundLineItems.nodes[0]).toMatchObject({
      restockType: 'RETURN',
      restocked: true,
    });
    expect(refund.data.refundCreate.order.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 4,
      committed: 0,
      on_hand: 4,
    });

    const polled = await client.request(ORDERS_UPDATED_SINCE, {
      variables: { first: 10, query: 'updated_at:>2000-01-01T00:00:00Z' },
    });
    const seen = polled.data.orders.nodes.find((o: { id: string }) => o.id === created.order.id);
    expect(seen.refunds[0].refundLineItems.nodes[0]).toMatchObject({
      restockType: 'RETURN',
      location: { id: shop.locationIds[0] },
    });
    expect(seen.fulfillments[0].fulfillmentLineItems.nodes[0].quantity).toBe(2);
  });

  it('cancel with restock returns committed units to available; without restock they leave on_hand', async () => {
    const { variantId, itemId } = await createStockedProduct(sandbox, shop, 'LIFE-2', 6);
    const client = clientFor(sandbox, shop);
    const first = await order(variantId, 2);
    const second = await order(variantId, 1);
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 3,
      committed: 3,
      on_hand: 6,
    });
    const restocked = await client.request(ORDER_CANCEL, {
      variables: { orderId: first.order.id, restock: true, reason: 'CUSTOMER' },
    });
    expect(restocked.data.orderCancel.orderCancelUserErrors).toEqual([]);
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 5,
      committed: 1,
      on_hand: 6,
    });
    await client.request(ORDER_CANCEL, {
      variables: { orderId: second.order.id, restock: false, reason: 'OTHER' },
    });
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 5,
      committed: 0,
      on_hand: 5,
    });
    const again = await client.request(ORDER_CANCEL, {
      variables: { orderId: first.order.id, restock: true, reason: 'CUSTOMER' },
    });
    expect(again.data.orderCancel.orderCancelUserErrors).toEqual([
      {
        field: ['orderId'],
        message: 'Cannot cancel an order that has already been canceled',
        code: 'INVALID',
      },
    ]);
  });

  it('refund CANCEL of unfulfilled units restocks available at the location; NO_RESTOCK moves nothing', async () => {
    const { variantId, itemId } = await createStockedProduct(sandbox, shop, 'LIFE-3', 4);
    const client = clientFor(sandbox, shop);
    const created = await order(variantId, 3);
    const lineItemId = created.order.lineItems.nodes[0].id;
    const refund = (restockType: string, quantity: number, key: string) =>
      client.request(REFUND_CREATE, {
        variables: {
          idempotencyKey: key,
          input: {
            orderId: created.order.id,
            refundLineItems: [{ lineItemId, quantity, restockType, locationId: shop.locationIds[0] }],
          },
        },
      });
    await refund('CANCEL', 2, 'refund-life-3a');
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 3,
      committed: 1,
      on_hand: 4,
    });
    await refund('NO_RESTOCK', 1, 'refund-life-3b');
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: 3,
      committed: 1,
      on_hand: 4,
    });
    const tooMany = await refund('RETURN', 1, 'refund-life-3c');
    expect(tooMany.data.refundCreate.userErrors).toEqual([
      {
        field: ['refundLineItems', '0', 'quantity'],
        message: 'Quantity cannot refund more items than were purchased',
      },
    ]);
  });

  it('leaves stock alone for a BYPASS order, and lets DECREMENT_IGNORING_POLICY go negative', async () => {
    const { variantId, itemId } = await createStockedProduct(sandbox, shop, 'LIFE-4', 1);
    await order(variantId, 1, 'BYPASS');
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({ available: 1, committed: 0 });
    await order(variantId, 3, 'DECREMENT_IGNORING_POLICY');
    expect(await quantitiesAt(sandbox, shop, itemId)).toMatchObject({
      available: -2,
      committed: 3,
      on_hand: 1,
    });
    const refused = await order(variantId, 1, 'DECREMENT_OBEYING_POLICY');
    expect(refused.order).toBeNull();
    expect(refused.userErrors[0].code).toBe('INVENTORY_CLAIM_FAILED');
  });
});
