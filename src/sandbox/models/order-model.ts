import type { SandboxContext } from '../context.ts';
import { gid } from '../gid.ts';
import { connection, type PageArgs, pageInMemory } from '../graphql/connection.ts';
import { moneyBag } from '../orders/money.ts';
import {
  type FulfillmentOrderRow,
  findOrder,
  fulfillmentOrderLines,
  fulfillmentOrdersOf,
  lineItemsOf,
  lineProgress,
  refundLinesOf,
} from '../orders/orders.repository.ts';
import type { LineItemRow, OrderRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { findLocation, locationModel } from './location-model.ts';
import { findVariant, variantModel } from './product-model.ts';

export function orderModel(ctx: SandboxContext, row: OrderRow) {
  const currency = ctx.shop.currency;
  const lines = () => lineItemsOf(ctx, row.id);
  const total = () => lines().reduce((sum, line) => sum + line.price_minor * line.quantity, 0);
  return {
    __typename: 'Order',
    id: gid('Order', row.id),
    legacyResourceId: String(row.id),
    name: `#${row.number}`,
    email: row.email,
    note: row.note,
    test: row.test === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    processedAt: row.processed_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    closed: row.closed_at !== null,
    closedAt: row.closed_at,
    currencyCode: currency,
    displayFinancialStatus: row.financial_status,
    displayFulfillmentStatus: () => {
      const progress = lines().map((line) => lineProgress(ctx, line));
      const fulfilled = progress.reduce((sum, p) => sum + p.fulfilled, 0);
      const open = progress.reduce((sum, p) => sum + p.remaining, 0);
      return fulfilled === 0 ? 'UNFULFILLED' : open === 0 ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
    },
    totalPriceSet: () => moneyBag(total(), currency),
    lineItems: (args: PageArgs) =>
      connection(pageInMemory(args, lines()), (line) => lineItemModel(ctx, line)),
    fulfillmentOrders: (args: PageArgs) =>
      connection(pageInMemory(args, fulfillmentOrdersOf(ctx, row.id)), (fo) =>
        fulfillmentOrderModel(ctx, fo),
      ),
    fulfillments: () =>
      (
        sql(ctx.db, 'SELECT * FROM fulfillments WHERE order_id = ? ORDER BY seq').all(
          row.id,
        ) as FulfillmentRow[]
      ).map((f) => fulfillmentModel(ctx, f)),
    refunds: () =>
      (sql(ctx.db, 'SELECT * FROM refunds WHERE order_id = ? ORDER BY id').all(row.id) as RefundRow[]).map(
        (r) => refundModel(ctx, r),
      ),
  };
}

export function lineItemModel(ctx: SandboxContext, line: LineItemRow) {
  const progress = () => lineProgress(ctx, line);
  return {
    __typename: 'LineItem',
    id: gid('LineItem', line.id),
    name: line.title,
    title: line.title,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: () => progress().current,
    unfulfilledQuantity: () => progress().remaining,
    fulfillableQuantity: () => progress().remaining,
    refundableQuantity: () => progress().current,
    variant: () => {
      const variant = line.variant_id === null ? undefined : findVariant(ctx, line.variant_id);
      return variant ? variantModel(ctx, variant) : null;
    },
  };
}

function lineById(ctx: SandboxContext, id: number): LineItemRow {
  return sql(ctx.db, 'SELECT * FROM line_items WHERE id = ?').get(id) as LineItemRow;
}

export function fulfillmentOrderModel(ctx: SandboxContext, fo: FulfillmentOrderRow) {
  const location = findLocation(ctx, fo.location_id);
  return {
    __typename: 'FulfillmentOrder',
    id: gid('FulfillmentOrder', fo.id),
    orderId: gid('Order', fo.order_id),
    status: fo.status,
    createdAt: fo.created_at,
    updatedAt: fo.updated_at,
    assignedLocation: {
      name: location?.name ?? '',
      location: location ? locationModel(ctx, location) : null,
    },
    lineItems: (args: PageArgs) =>
      connection(pageInMemory(args, fulfillmentOrderLines(ctx, fo.id)), (line) => {
        const item = lineById(ctx, line.line_item_id);
        const variant = item.variant_id === null ? undefined : findVariant(ctx, item.variant_id);
        return {
          __typename: 'FulfillmentOrderLineItem',
          id: gid('FulfillmentOrderLineItem', line.id),
          totalQuantity: line.total_quantity,
          remainingQuantity: line.remaining_quantity,
          sku: item.sku,
          lineItem: lineItemModel(ctx, item),
          variant: variant ? variantModel(ctx, variant) : null,
        };
      }),
  };
}

interface FulfillmentRow {
  id: number;
  order_id: number;
  location_id: number;
  seq: number;
  created_at: string;
}

export function fulfillmentModel(ctx: SandboxContext, row: FulfillmentRow) {
  const order = findOrder(ctx, row.order_id) as OrderRow;
  const lines = sql(ctx.db, 'SELECT * FROM fulfillment_lines WHERE fulfillment_id = ? ORDER BY id').all(
    row.id,
  ) as Array<{
    id: number;
    line_item_id: number;
    quantity: number;
  }>;
  const location = findLocation(ctx, row.location_id);
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', row.id),
    legacyResourceId: String(row.id),
    name: `#${order.number}-F${row.seq}`,
    status: 'SUCCESS',
    displayStatus: 'FULFILLED',
    createdAt: row.created_at,
    updatedAt: row.created_at,
    totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0),
    location: location ? locationModel(ctx, location) : null,
    fulfillmentLineItems: (args: PageArgs) =>
      connection(pageInMemory(args, lines), (line) => ({
        id: gid('FulfillmentLineItem', line.id),
        quantity: line.quantity,
        lineItem: lineItemModel(ctx, lineById(ctx, line.line_item_id)),
      })),
  };
}

interface RefundRow {
  id: number;
  order_id: number;
  note: string | null;
  created_at: string;
}

export function findRefund(ctx: SandboxContext, id: number): RefundRow | undefined {
  return sql(
    ctx.db,
    'SELECT r.* FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.id = ? AND o.shop_id = ?',
  ).get(id, ctx.shop.id) as RefundRow | undefined;
}

export function refundModel(ctx: SandboxContext, row: RefundRow) {
  return {
    __typename: 'Refund',
    id: gid('Refund', row.id),
    legacyResourceId: String(row.id),
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.created_at,
    processedAt: row.created_at,
    refundLineItems: (args: PageArgs) =>
      connection(pageInMemory(args, refundLinesOf(ctx, row.id)), (line) => {
        const location = line.location_id === null ? undefined : findLocation(ctx, line.location_id);
        return {
          id: gid('RefundLineItem', line.id),
          quantity: line.quantity,
          restockType: line.restock_type,
          restocked: line.restocked === 1,
          location: location ? locationModel(ctx, location) : null,
          subtotalSet: moneyBag(line.subtotal_minor, ctx.shop.currency),
          lineItem: lineItemModel(ctx, lineById(ctx, line.line_item_id)),
        };
      }),
  };
}
