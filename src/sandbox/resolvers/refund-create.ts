import type { SandboxContext } from '../context.ts';
import { gid, parseGid } from '../gid.ts';
import { findLocation } from '../models/location-model.ts';
import { findOrder, lineItemsOf, lineProgress, touchOrder } from '../orders/orders.repository.ts';
import { applyStockMoves, type StockMove } from '../orders/stock-moves.ts';
import { nowText } from '../shopify-time.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

export interface RefundArgs {
  input: {
    orderId: string;
    note?: string | null;
    notify?: boolean | null;
    refundLineItems?: Array<{
      lineItemId: string;
      quantity: number;
      restockType?: string | null;
      locationId?: string | null;
    }> | null;
  };
}

type PlainError = { field: string[] | null; message: string };

/**
 * refundCreate (NOTES §3, §6): plain UserErrors. Per line and restock type at `locationId`:
 * RETURN puts the units back in available (and on_hand); CANCEL takes unfulfilled units out of
 * committed back into available and off the fulfilment order; NO_RESTOCK moves no stock. Financial
 * status becomes PARTIALLY_REFUNDED or REFUNDED.
 */
export function createRefund(
  ctx: SandboxContext,
  args: RefundArgs,
): { refundId: number | null; orderId: number | null; userErrors: PlainError[] } {
  const fail = (field: string[] | null, message: string) => ({
    refundId: null,
    orderId: null,
    userErrors: [{ field, message }],
  });
  const id = parseGid(args.input.orderId, 'Order');
  const order = id === undefined ? undefined : findOrder(ctx, id);
  if (!order) return fail(['orderId'], 'Order does not exist');
  const lines = lineItemsOf(ctx, order.id);
  const requests = args.input.refundLineItems ?? [];
  const planned = [];
  for (const [index, request] of requests.entries()) {
    const path = ['refundLineItems', String(index)];
    const line = lines.find((l) => gid('LineItem', l.id) === request.lineItemId);
    if (!line) return fail([...path, 'lineItemId'], 'Line item does not exist');
    const progress = lineProgress(ctx, line);
    const already = planned.filter((p) => p.line.id === line.id).reduce((s, p) => s + p.quantity, 0);
    if (request.quantity > progress.current - already)
      return fail([...path, 'quantity'], 'Quantity cannot refund more items than were purchased');
    if (request.quantity <= 0) return fail([...path, 'quantity'], 'Quantity must be greater than 0');
    const restockType = request.restockType ?? 'NO_RESTOCK';
    if (restockType === 'LEGACY_RESTOCK')
      return fail([...path, 'restockType'], 'Restock type legacy_restock is not supported for new refunds');
    let locationId: number | null = null;
    if (restockType === 'RETURN' || restockType === 'CANCEL') {
      const parsed = request.locationId ? parseGid(request.locationId, 'Location') : undefined;
      const location = parsed === undefined ? undefined : findLocation(ctx, parsed);
      if (!location) return fail([...path, 'locationId'], 'Location must exist when restocking');
      locationId = location.id;
    }
    if (restockType === 'CANCEL' && request.quantity > progress.remaining) {
      return fail([...path, 'quantity'], 'Quantity cannot cancel more items than are unfulfilled');
    }
    planned.push({ line, quantity: request.quantity, restockType, locationId });
  }
  const now = nowText(ctx.clock);
  const refundId = allocateIds(ctx.db);
  sql(ctx.db, 'INSERT INTO refunds (id, order_id, note, created_at) VALUES (?, ?, ?, ?)').run(
    refundId,
    order.id,
    args.input.note ?? null,
    now,
  );
  const moves: StockMove[] = [];
  for (const item of planned) {
    const restocked = item.restockType === 'RETURN' || item.restockType === 'CANCEL';
    sql(
      ctx.db,
      `INSERT INTO refund_lines (id, refund_id, line_item_id, quantity, restock_type, location_id, restocked, subtotal_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      allocateIds(ctx.db),
      refundId,
      item.line.id,
      item.quantity,
      item.restockType,
      item.locationId,
      restocked ? 1 : 0,
      item.line.price_minor * item.quantity,
    );
    const variant = item.line.variant_id
      ? (sql(ctx.db, 'SELECT inventory_item_id, tracked FROM variants WHERE id = ?').get(
          item.line.variant_id,
        ) as { inventory_item_id: number; tracked: number } | undefined)
      : undefined;
    if (item.restockType === 'CANCEL') {
      // Off the fulfilment order first: these units will never ship.
      let left = item.quantity;
      const foLines = sql(
        ctx.db,
        'SELECT id, remaining_quantity FROM fulfillment_order_lines WHERE line_item_id = ? AND remaining_quantity > 0 ORDER BY id',
      ).all(item.line.id) as Array<{ id: number; remaining_quantity: number }>;
      for (const foLine of foLines) {
        const take = Math.min(left, foLine.remaining_quantity);
        sql(
          ctx.db,
          'UPDATE fulfillment_order_lines SET remaining_quantity = remaining_quantity - ? WHERE id = ?',
        ).run(take, foLine.id);
        left -= take;
      }
    }
    if (!variant?.tracked || item.locationId === null) continue;
    if (item.restockType === 'RETURN')
      moves.push({
        itemId: variant.inventory_item_id,
        locationId: item.locationId,
        available: item.quantity,
      });
    if (item.restockType === 'CANCEL') {
      const committedAt = item.line.stock_location_id;
      if (committedAt !== null)
        moves.push({ itemId: variant.inventory_item_id, locationId: committedAt, committed: -item.quantity });
      moves.push({
        itemId: variant.inventory_item_id,
        locationId: item.locationId,
        available: item.quantity,
      });
    }
  }
  const stillCurrent = lines.reduce((sum, line) => sum + lineProgress(ctx, line).current, 0);
  sql(ctx.db, 'UPDATE orders SET financial_status = ? WHERE id = ?').run(
    stillCurrent === 0 ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
    order.id,
  );
  applyStockMoves(ctx, 'refund_restock', gid('Refund', refundId), moves);
  touchOrder(ctx, order.id, now);
  return { refundId, orderId: order.id, userErrors: [] };
}
