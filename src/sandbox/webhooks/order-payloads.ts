import type { SandboxContext } from '../context.ts';
import { gid } from '../gid.ts';
import { fromMinor } from '../orders/money.ts';
import {
  findOrder,
  fulfillmentOrdersOf,
  lineItemsOf,
  lineProgress,
  refundLinesOf,
} from '../orders/orders.repository.ts';
import type { LineItemRow, OrderRow } from '../store/rows.ts';

/** The REST Order resource, as orders/* webhooks carry it (NOTES §7). */
export function orderWebhookPayload(ctx: SandboxContext, orderId: number) {
  const order = findOrder(ctx, orderId) as OrderRow;
  const lines = lineItemsOf(ctx, orderId);
  const progress = lines.map((line) => lineProgress(ctx, line));
  const total = lines.reduce((sum, line) => sum + line.price_minor * line.quantity, 0);
  const fulfilled = progress.reduce((s, p) => s + p.fulfilled, 0);
  const open = progress.reduce((s, p) => s + p.remaining, 0);
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    name: `#${order.number}`,
    order_number: order.number,
    email: order.email,
    note: order.note,
    test: order.test === 1,
    created_at: order.created_at,
    updated_at: order.updated_at,
    processed_at: order.processed_at,
    cancelled_at: order.cancelled_at,
    cancel_reason: order.cancel_reason?.toLowerCase() ?? null,
    closed_at: order.closed_at,
    currency: ctx.shop.currency,
    financial_status: order.financial_status.toLowerCase(),
    fulfillment_status: fulfilled === 0 ? null : open === 0 ? 'fulfilled' : 'partial',
    total_price: fromMinor(total),
    line_items: lines.map((line, index) =>
      restLineItem(line, progress[index] as ReturnType<typeof lineProgress>),
    ),
    fulfillment_orders: fulfillmentOrdersOf(ctx, orderId).map((fo) => ({
      id: fo.id,
      assigned_location_id: fo.location_id,
      status: fo.status.toLowerCase(),
    })),
    refunds: [],
  };
}

function restLineItem(line: LineItemRow, progress: ReturnType<typeof lineProgress>) {
  return {
    id: line.id,
    admin_graphql_api_id: gid('LineItem', line.id),
    variant_id: line.variant_id,
    sku: line.sku,
    title: line.title,
    name: line.title,
    quantity: line.quantity,
    current_quantity: progress.current,
    fulfillable_quantity: progress.remaining,
    fulfillment_status: progress.fulfilled === 0 ? null : progress.remaining === 0 ? 'fulfilled' : 'partial',
    price: fromMinor(line.price_minor),
  };
}

/** The REST Refund resource for refunds/create: restock types in lower case, with location ids. */
export function refundWebhookPayload(
  ctx: SandboxContext,
  refundId: number,
  orderId: number,
  note: string | null,
  createdAt: string,
) {
  const lines = lineItemsOf(ctx, orderId);
  return {
    id: refundId,
    admin_graphql_api_id: gid('Refund', refundId),
    order_id: orderId,
    note,
    created_at: createdAt,
    processed_at: createdAt,
    restock: refundLinesOf(ctx, refundId).some((l) => l.restocked === 1),
    refund_line_items: refundLinesOf(ctx, refundId).map((line) => {
      const item = lines.find((l) => l.id === line.line_item_id) as LineItemRow;
      return {
        id: line.id,
        line_item_id: line.line_item_id,
        quantity: line.quantity,
        restock_type: line.restock_type.toLowerCase(),
        location_id: line.location_id,
        subtotal: fromMinor(line.subtotal_minor),
        total_tax: '0.00',
        line_item: restLineItem(item, lineProgress(ctx, item)),
      };
    }),
  };
}
