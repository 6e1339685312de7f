import { GraphQLError } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { gid, parseGid } from '../gid.ts';
import {
  type FulfillmentOrderRow,
  findOrder,
  fulfillmentOrderLines,
  fulfillmentOrdersOf,
  lineItemsOf,
  touchOrder,
} from '../orders/orders.repository.ts';
import { applyStockMoves, type StockMove } from '../orders/stock-moves.ts';
import { nowText } from '../shopify-time.ts';
import type { LineItemRow } from '../store/rows.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

type PlainError = { field: string[] | null; message: string };

export interface FulfillmentArgs {
  fulfillment: {
    lineItemsByFulfillmentOrder: Array<{
      fulfillmentOrderId: string;
      fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }> | null;
    }>;
  };
}

/**
 * fulfillmentCreate over fulfilment orders (NOTES §6): plain UserErrors on ["fulfillment"]; each unit
 * fulfilled takes committed and on_hand down by one at the fulfilment order's location (NOTES §3).
 */
export function createFulfillment(
  ctx: SandboxContext,
  args: FulfillmentArgs,
): { fulfillmentId: number | null; orderId: number | null; userErrors: PlainError[] } {
  const groups = args.fulfillment.lineItemsByFulfillmentOrder;
  const planned: Array<{
    fo: FulfillmentOrderRow;
    lines: Array<{ foLineId: number; lineItemId: number; quantity: number }>;
  }> = [];
  for (const [groupIndex, group] of groups.entries()) {
    for (const [lineIndex, line] of (group.fulfillmentOrderLineItems ?? []).entries()) {
      if (line.quantity <= 0) {
        return {
          fulfillmentId: null,
          orderId: null,
          userErrors: [
            {
              field: [
                'fulfillment',
                'lineItemsByFulfillmentOrder',
                String(groupIndex),
                'fulfillmentOrderLineItems',
                String(lineIndex),
                'quantity',
              ],
              message: 'Quantity must be greater than 0',
            },
          ],
        };
      }
    }
    const foId = parseGid(group.fulfillmentOrderId, 'FulfillmentOrder');
    if (foId === 0) throw new GraphQLError('invalid id', { extensions: { code: 'RESOURCE_NOT_FOUND' } });
    const fo =
      foId === undefined
        ? undefined
        : (sql(
            ctx.db,
            'SELECT f.* FROM fulfillment_orders f JOIN orders o ON o.id = f.order_id WHERE f.id = ? AND o.shop_id = ?',
          ).get(foId, ctx.shop.id) as FulfillmentOrderRow | undefined);
    if (!fo)
      return {
        fulfillmentId: null,
        orderId: null,
        userErrors: [{ field: ['fulfillment'], message: 'Fulfillment order does not exist.' }],
      };
    if (fo.status === 'CLOSED' || fo.status === 'CANCELLED') {
      return {
        fulfillmentId: null,
        orderId: null,
        userErrors: [
          {
            field: ['fulfillment'],
            message: `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`,
          },
        ],
      };
    }
    const foLines = fulfillmentOrderLines(ctx, fo.id);
    const requested = group.fulfillmentOrderLineItems?.length
      ? group.fulfillmentOrderLineItems.map((line) => ({
          foLine: foLines.find((l) => gid('FulfillmentOrderLineItem', l.id) === line.id),
          quantity: line.quantity,
        }))
      : foLines
          .filter((l) => l.remaining_quantity > 0)
          .map((l) => ({ foLine: l, quantity: l.remaining_quantity }));
    const lines = [];
    for (const { foLine, quantity } of requested) {
      if (!foLine || quantity > foLine.remaining_quantity) {
        return {
          fulfillmentId: null,
          orderId: null,
          userErrors: [
            { field: ['fulfillment'], message: 'Invalid fulfillment order line item quantity requested.' },
          ],
        };
      }
      lines.push({ foLineId: foLine.id, lineItemId: foLine.line_item_id, quantity });
    }
    planned.push({ fo, lines });
  }
  const orderIds = new Set(planned.map((p) => p.fo.order_id));
  const orderId = [...orderIds][0];
  if (orderId === undefined || orderIds.size !== 1) {
    return {
      fulfillmentId: null,
      orderId: null,
      userErrors: [{ field: ['fulfillment'], message: 'Fulfillment orders must belong to the same order.' }],
    };
  }
  const now = nowText(ctx.clock);
  const fulfillmentId = allocateIds(ctx.db);
  const seq =
    (sql(ctx.db, 'SELECT COUNT(*) AS n FROM fulfillments WHERE order_id = ?').get(orderId) as { n: number })
      .n + 1;
  sql(
    ctx.db,
    'INSERT INTO fulfillments (id, order_id, location_id, seq, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(fulfillmentId, orderId, planned[0]?.fo.location_id, seq, now);
  const moves: StockMove[] = [];
  for (const { fo, lines } of planned) {
    for (const line of lines) {
      sql(
        ctx.db,
        'UPDATE fulfillment_order_lines SET remaining_quantity = remaining_quantity - ? WHERE id = ?',
      ).run(line.quantity, line.foLineId);
      sql(
        ctx.db,
        'INSERT INTO fulfillment_lines (id, fulfillment_id, line_item_id, quantity) VALUES (?, ?, ?, ?)',
      ).run(allocateIds(ctx.db), fulfillmentId, line.lineItemId, line.quantity);
      const item = sql(ctx.db, 'SELECT * FROM line_items WHERE id = ?').get(line.lineItemId) as LineItemRow;
      const variant =
        item.variant_id === null
          ? undefined
          : (sql(ctx.db, 'SELECT inventory_item_id FROM variants WHERE id = ?').get(item.variant_id) as
              | { inventory_item_id: number }
              | undefined);
      if (item.stock_location_id !== null && variant) {
        moves.push({
          itemId: variant.inventory_item_id,
          locationId: item.stock_location_id,
          committed: -line.quantity,
        });
      }
    }
    const open = fulfillmentOrderLines(ctx, fo.id).some((l) => l.remaining_quantity > 0);
    sql(ctx.db, 'UPDATE fulfillment_orders SET status = ?, updated_at = ? WHERE id = ?').run(
      open ? 'IN_PROGRESS' : 'CLOSED',
      now,
      fo.id,
    );
  }
  applyStockMoves(ctx, 'order_fulfilled', gid('Order', orderId), moves);
  touchOrder(ctx, orderId, now);
  return { fulfillmentId, orderId, userErrors: [] };
}

export interface CancelArgs {
  orderId: string;
  restock: boolean;
  reason: string;
  refund?: boolean | null;
  refundMethod?: unknown;
  staffNote?: string | null;
}

/**
 * orderCancel (NOTES §3, §6): refused for an order already cancelled or with fulfilments. Unfulfilled
 * units leave committed; with restock they return to available, without it they leave on_hand too (the
 * assumption NOTES flags as unverified). Fulfilment orders close with nothing remaining.
 */
export function cancelOrder(
  ctx: SandboxContext,
  args: CancelArgs,
): { orderId: number | null; userErrors: Array<{ field: string[] | null; message: string; code: string }> } {
  const invalid = (field: string[] | null, message: string) => ({
    orderId: null,
    userErrors: [{ field, message, code: 'INVALID' }],
  });
  const id = parseGid(args.orderId, 'Order');
  const order = id === undefined ? undefined : findOrder(ctx, id);
  if (!order)
    return {
      orderId: null,
      userErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }],
    };
  if (args.refund !== undefined && args.refund !== null && args.refundMethod)
    return invalid(['refund'], 'Cannot specify both refund and refundMethod');
  if ((args.staffNote ?? '').length > 255)
    return invalid(['staffNote'], 'Staff note is too long (maximum is 255 characters)');
  if (order.cancelled_at)
    return invalid(['orderId'], 'Cannot cancel an order that has already been canceled');
  const fulfilled = sql(ctx.db, 'SELECT COUNT(*) AS n FROM fulfillments WHERE order_id = ?').get(
    order.id,
  ) as { n: number };
  if (fulfilled.n > 0)
    return invalid(['orderId'], 'Cannot cancel an order that has outstanding fulfillments');
  const now = nowText(ctx.clock);
  const moves: StockMove[] = [];
  const cancelledLines: CancelledLine[] = [];
  for (const fo of fulfillmentOrdersOf(ctx, order.id)) {
    for (const foLine of fulfillmentOrderLines(ctx, fo.id)) {
      const item = lineItemsOf(ctx, order.id).find((l) => l.id === foLine.line_item_id);
      const variant = item?.variant_id
        ? (sql(ctx.db, 'SELECT inventory_item_id FROM variants WHERE id = ?').get(item.variant_id) as
            | { inventory_item_id: number }
            | undefined)
        : undefined;
      const q = foLine.remaining_quantity;
      if (item && q > 0)
        cancelledLines.push({ lineItemId: item.id, quantity: q, locationId: item.stock_location_id ?? null });
      if (item?.stock_location_id && variant && q > 0) {
        moves.push({
          itemId: variant.inventory_item_id,
          locationId: item.stock_location_id,
          committed: -q,
          available: args.restock ? q : 0,
        });
      }
    }
    sql(
      ctx.db,
      'UPDATE fulfillment_order_lines SET remaining_quantity = 0, total_quantity = 0 WHERE fulfillment_order_id = ?',
    ).run(fo.id);
    sql(ctx.db, "UPDATE fulfillment_orders SET status = 'CLOSED', updated_at = ? WHERE id = ?").run(
      now,
      fo.id,
    );
  }
  recordCancellationRefund(ctx, order.id, now, Boolean(args.restock), cancelledLines);
  const refunded = args.refund === true || Boolean(args.refundMethod);
  sql(
    ctx.db,
    'UPDATE orders SET cancelled_at = ?, closed_at = ?, cancel_reason = ?, financial_status = ?, updated_at = ? WHERE id = ?',
  ).run(now, now, args.reason, refunded ? 'REFUNDED' : order.financial_status, now, order.id);
  applyStockMoves(
    ctx,
    args.restock ? 'order_cancelled_restock' : 'order_cancelled',
    gid('Order', order.id),
    moves,
  );
  return { orderId: order.id, userErrors: [] };
}

interface CancelledLine {
  lineItemId: number;
  quantity: number;
  locationId: number | null;
}

/**
 * Shopify records what a cancellation did to each unfulfilled line as a refund: refund lines of
 * restock type CANCEL (back to available, at the line's location) or NO_RESTOCK. That record is
 * what lets a client reading the order afterwards — by webhook or by polling — tell a restocked
 * cancellation from one without restock; the order itself carries no restock flag.
 */
function recordCancellationRefund(
  ctx: SandboxContext,
  orderId: number,
  now: string,
  restock: boolean,
  lines: readonly CancelledLine[],
): void {
  if (lines.length === 0) return;
  const refundId = allocateIds(ctx.db);
  sql(ctx.db, 'INSERT INTO refunds (id, order_id, note, created_at) VALUES (?, ?, ?, ?)').run(
    refundId,
    orderId,
    'Order cancelled',
    now,
  );
  for (const line of lines) {
    sql(
      ctx.db,
      `INSERT INTO refund_lines (id, refund_id, line_item_id, quantity, restock_type, location_id, restocked, subtotal_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
    ).run(
      allocateIds(ctx.db),
      refundId,
      line.lineItemId,
      line.quantity,
      restock ? 'CANCEL' : 'NO_RESTOCK',
      restock ? line.locationId : null,
      restock ? 1 : 0,
    );
  }
}
