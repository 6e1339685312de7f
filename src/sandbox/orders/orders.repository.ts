import type { SandboxContext } from '../context.ts';
import type { LineItemRow, OrderRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';

export interface FulfillmentOrderRow {
  id: number;
  order_id: number;
  location_id: number;
  status: string;
  created_at: string;
  updated_at: string;
}
export interface FulfillmentOrderLineRow {
  id: number;
  fulfillment_order_id: number;
  line_item_id: number;
  total_quantity: number;
  remaining_quantity: number;
}
export interface RefundLineRow {
  id: number;
  refund_id: number;
  line_item_id: number;
  quantity: number;
  restock_type: string;
  location_id: number | null;
  restocked: number;
  subtotal_minor: number;
}

export function findOrder(ctx: SandboxContext, id: number): OrderRow | undefined {
  return sql(ctx.db, 'SELECT * FROM orders WHERE id = ? AND shop_id = ?').get(id, ctx.shop.id) as
    | OrderRow
    | undefined;
}

export function lineItemsOf(ctx: SandboxContext, orderId: number): LineItemRow[] {
  return sql(ctx.db, 'SELECT * FROM line_items WHERE order_id = ? ORDER BY position').all(
    orderId,
  ) as LineItemRow[];
}

export function fulfillmentOrdersOf(ctx: SandboxContext, orderId: number): FulfillmentOrderRow[] {
  return sql(ctx.db, 'SELECT * FROM fulfillment_orders WHERE order_id = ? ORDER BY id').all(
    orderId,
  ) as FulfillmentOrderRow[];
}

export function fulfillmentOrderLines(
  ctx: SandboxContext,
  fulfillmentOrderId: number,
): FulfillmentOrderLineRow[] {
  return sql(ctx.db, 'SELECT * FROM fulfillment_order_lines WHERE fulfillment_order_id = ? ORDER BY id').all(
    fulfillmentOrderId,
  ) as FulfillmentOrderLineRow[];
}

export function refundLinesOf(ctx: SandboxContext, refundId: number): RefundLineRow[] {
  return sql(ctx.db, 'SELECT * FROM refund_lines WHERE refund_id = ? ORDER BY id').all(
    refundId,
  ) as RefundLineRow[];
}

/** Quantities per line: fulfilled, refunded, still to fulfil (open fulfilment order lines). */
export function lineProgress(ctx: SandboxContext, line: LineItemRow) {
  const fulfilled = (
    sql(ctx.db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM fulfillment_lines WHERE line_item_id = ?').get(
      line.id,
    ) as { q: number }
  ).q;
  const refunded = (
    sql(ctx.db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM refund_lines WHERE line_item_id = ?').get(
      line.id,
    ) as { q: number }
  ).q;
  const remaining = (
    sql(
      ctx.db,
      'SELECT COALESCE(SUM(remaining_quantity), 0) AS q FROM fulfillment_order_lines WHERE line_item_id = ?',
    ).get(line.id) as {
      q: number;
    }
  ).q;
  return { fulfilled, refunded, remaining, current: line.quantity - refunded };
}

export function touchOrder(ctx: SandboxContext, orderId: number, now: string): void {
  sql(ctx.db, 'UPDATE orders SET updated_at = ? WHERE id = ?').run(now, orderId);
}
