import type { SandboxContext } from '../context.ts';
import { gid, parseGid } from '../gid.ts';
import { levelsOfItem, quantityOf } from '../inventory/levels.repository.ts';
import { findVariant } from '../models/product-model.ts';
import { toMinor } from '../orders/money.ts';
import { applyStockMoves, type StockMove } from '../orders/stock-moves.ts';
import { nowText } from '../shopify-time.ts';
import type { VariantRow } from '../store/rows.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

export interface OrderCreateArgs {
  order: {
    lineItems?: Array<{
      variantId?: string | null;
      quantity: number;
      sku?: string | null;
      title?: string | null;
      priceSet?: { shopMoney: { amount: string } } | null;
    }> | null;
    email?: string | null;
    note?: string | null;
    test?: boolean | null;
    financialStatus?: string | null;
    processedAt?: string | null;
  };
  options?: { inventoryBehaviour?: string | null } | null;
}

type OrderUserError = { field: Array<string | number> | null; message: string; code: string | null };

/**
 * orderCreate (NOTES §3, §6). BYPASS (the default) moves no stock. The DECREMENT behaviours take each
 * tracked line from the first active level with enough available (else the first active level):
 * available −q, committed +q; IGNORING_POLICY may drive available negative, OBEYING_POLICY refuses a
 * shortage of a DENY variant. Lines are grouped into one OPEN fulfilment order per location.
 */
export function createOrder(
  ctx: SandboxContext,
  args: OrderCreateArgs,
): { orderId: number | null; userErrors: OrderUserError[] } {
  const behaviour = args.options?.inventoryBehaviour ?? 'BYPASS';
  const inputLines = args.order.lineItems ?? [];
  const errors: OrderUserError[] = [];
  const primary = sql(ctx.db, 'SELECT id FROM locations WHERE shop_id = ? ORDER BY id LIMIT 1').get(
    ctx.shop.id,
  ) as { id: number };
  const demand = new Map<number, number>();
  const lines = inputLines.map((line, index) => {
    let variant: VariantRow | undefined;
    if (line.variantId) {
      const id = parseGid(line.variantId, 'ProductVariant');
      variant = id === undefined ? undefined : findVariant(ctx, id);
      if (!variant) {
        errors.push({
          field: ['order', 'lineItems'],
          message: 'Order Line items is invalid',
          code: 'INVALID',
        });
        errors.push({
          field: ['order', 'lineItems', index, 'title'],
          message: "Line items Name/Title can't be blank",
          code: 'INVALID',
        });
      }
    } else if (!line.title) {
      errors.push({
        field: ['order', 'lineItems', index, 'title'],
        message: "Line items Name/Title can't be blank",
        code: 'INVALID',
      });
    }
    if (line.quantity <= 0)
      errors.push({
        field: ['order', 'lineItems', index, 'quantity'],
        message: 'Quantity must be greater than 0',
        code: 'INVALID',
      });
    if (variant)
      demand.set(variant.inventory_item_id, (demand.get(variant.inventory_item_id) ?? 0) + line.quantity);
    return { line, variant };
  });
  if (errors.length) return { orderId: null, userErrors: errors };
  // Where each tracked item is taken from: the first active level that can cover its whole demand.
  const source = new Map<number, number>();
  for (const [itemId, quantity] of demand) {
    const active = levelsOfItem(ctx.db, itemId).filter((level) => level.active);
    const enough = active.find((level) => quantityOf(ctx.db, level.id, 'available') >= quantity);
    const chosen = enough ?? active[0];
    source.set(itemId, chosen?.location_id ?? primary.id);
    const variant = lines.find((l) => l.variant?.inventory_item_id === itemId)?.variant as VariantRow;
    if (
      behaviour === 'DECREMENT_OBEYING_POLICY' &&
      variant.tracked &&
      variant.inventory_policy === 'DENY' &&
      !enough
    ) {
      errors.push({
        field: ['order', 'lineItems'],
        message: `${variant.title} is out of stock`,
        code: 'INVENTORY_CLAIM_FAILED',
      });
    }
  }
  if (errors.length) return { orderId: null, userErrors: errors };
  const now = nowText(ctx.clock);
  const orderId = allocateIds(ctx.db);
  const shop = sql(
    ctx.db,
    'UPDATE shops SET next_order_number = next_order_number + 1 WHERE id = ? RETURNING next_order_number',
  ).get(ctx.shop.id) as {
    next_order_number: number;
  };
  sql(
    ctx.db,
    `INSERT INTO orders (id, shop_id, number, email, note, test, financial_status, created_at, updated_at, processed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    orderId,
    ctx.shop.id,
    shop.next_order_number - 1,
    args.order.email ?? null,
    args.order.note ?? null,
    args.order.test ? 1 : 0,
    args.order.financialStatus ?? 'PAID',
    now,
    now,
    args.order.processedAt ?? now,
  );
  const decrement = behaviour !== 'BYPASS';
  const moves: StockMove[] = [];
  const fulfillmentOrders = new Map<number, number>();
  lines.forEach(({ line, variant }, position) => {
    const lineId = allocateIds(ctx.db);
    const tracked = Boolean(variant?.tracked);
    const locationId = variant ? (source.get(variant.inventory_item_id) ?? primary.id) : primary.id;
    const stockLocation = decrement && tracked && variant ? locationId : null;
    sql(
      ctx.db,
      `INSERT INTO line_items (id, order_id, variant_id, title, sku, quantity, price_minor, stock_location_id, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      lineId,
      orderId,
      variant?.id ?? null,
      line.title ?? variant?.title ?? '',
      line.sku ?? variant?.sku ?? null,
      line.quantity,
      line.priceSet ? toMinor(line.priceSet.shopMoney.amount) : toMinor(variant?.price ?? '0'),
      stockLocation,
      position,
    );
    if (stockLocation !== null && variant) {
      moves.push({
        itemId: variant.inventory_item_id,
        locationId: stockLocation,
        available: -line.quantity,
        committed: line.quantity,
      });
    }
    let foId = fulfillmentOrders.get(locationId);
    if (foId === undefined) {
      foId = allocateIds(ctx.db);
      fulfillmentOrders.set(locationId, foId);
      sql(
        ctx.db,
        "INSERT INTO fulfillment_orders (id, order_id, location_id, status, created_at, updated_at) VALUES (?, ?, ?, 'OPEN', ?, ?)",
      ).run(foId, orderId, locationId, now, now);
    }
    sql(
      ctx.db,
      'INSERT INTO fulfillment_order_lines (id, fulfillment_order_id, line_item_id, total_quantity, remaining_quantity) VALUES (?, ?, ?, ?, ?)',
    ).run(allocateIds(ctx.db), foId, lineId, line.quantity, line.quantity);
  });
  applyStockMoves(ctx, 'order_created', gid('Order', orderId), moves);
  return { orderId, userErrors: [] };
}
