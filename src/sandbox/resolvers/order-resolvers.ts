import type { GraphQLResolveInfo } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { decodeCursor, encodeCursor, gid, parseGid } from '../gid.ts';
import { keysetPage, type PageArgs, pageSize } from '../graphql/connection.ts';
import { parseSearchQuery, searchToSql } from '../graphql/search-query.ts';
import { IDEMPOTENCY_MISMATCH, idempotencyKey, runIdempotent } from '../inventory/idempotency.ts';
import { findRefund, fulfillmentModel, orderModel, refundModel } from '../models/order-model.ts';
import { findOrder, lineItemsOf, lineProgress } from '../orders/orders.repository.ts';
import type { OrderRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { orderWebhookPayload, refundWebhookPayload } from '../webhooks/order-payloads.ts';
import { createOrder, type OrderCreateArgs } from './order-create.ts';
import {
  type CancelArgs,
  cancelOrder,
  createFulfillment,
  type FulfillmentArgs,
} from './order-fulfil-cancel.ts';
import { createRefund, type RefundArgs } from './refund-create.ts';

const orderColumns = {
  updated_at: { column: 'updated_at', kind: 'time' },
  created_at: { column: 'created_at', kind: 'time' },
  processed_at: { column: 'processed_at', kind: 'time' },
  id: { column: 'id', kind: 'id' },
  financial_status: { column: 'lower(financial_status)', kind: 'text' },
} as const;

function orderModelById(ctx: SandboxContext, id: number | null) {
  const row = id === null ? undefined : findOrder(ctx, id);
  return row ? orderModel(ctx, row) : null;
}

function raiseOrderEvent(ctx: SandboxContext, topic: string, orderId: number) {
  ctx.events.push({ topic, payload: orderWebhookPayload(ctx, orderId) });
}

/** Orders sorted by UPDATED_AT page on (updated_at, id), the polling backstop's natural cursor. */
function ordersByUpdatedAt(ctx: SandboxContext, args: PageArgs & { query?: string | null }) {
  const { size, backwards } = pageSize(args);
  const filter = searchToSql(parseSearchQuery(args.query), orderColumns);
  const cursor = args.after ? decodeCursor(args.after) : undefined;
  const descending = Boolean(args.reverse) !== backwards;
  const seek = cursor ? `AND (updated_at, id) ${descending ? '<' : '>'} (?, ?)` : '';
  const rows = ctx.db
    .prepare(
      `SELECT * FROM orders WHERE shop_id = ? AND ${filter.where} ${seek}
       ORDER BY updated_at ${descending ? 'DESC' : 'ASC'}, id ${descending ? 'DESC' : 'ASC'} LIMIT ?`,
    )
    .all(
      ctx.shop.id,
      ...filter.params,
      ...(cursor ? [String(cursor.last_value), cursor.last_id] : []),
      size + 1,
    ) as OrderRow[];
  const items = rows.slice(0, size);
  const nodes = items.map((row) => orderModel(ctx, row));
  const cursors = items.map((row) => encodeCursor(row.id, row.updated_at));
  return {
    nodes,
    edges: nodes.map((node, index) => ({ node, cursor: cursors[index] })),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(args.after),
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
  };
}

export const orderQueries = {
  order: (args: { id: string }, ctx: SandboxContext) =>
    orderModelById(ctx, parseGid(args.id, 'Order') ?? null),
  orders: (args: PageArgs & { query?: string | null; sortKey?: string }, ctx: SandboxContext) => {
    if (args.sortKey === 'UPDATED_AT') return ordersByUpdatedAt(ctx, args);
    const filter = searchToSql(parseSearchQuery(args.query), orderColumns);
    const page = keysetPage(
      args,
      ({ afterId, beforeId, limit, descending }) =>
        ctx.db
          .prepare(
            `SELECT * FROM orders WHERE shop_id = ? AND ${filter.where} AND id > ? AND id < ?
           ORDER BY id ${descending ? 'DESC' : 'ASC'} LIMIT ?`,
          )
          .all(ctx.shop.id, ...filter.params, afterId, beforeId, limit) as OrderRow[],
    );
    const nodes = page.items.map((row) => orderModel(ctx, row));
    const cursors = page.items.map((row) => encodeCursor(row.id, row.processed_at));
    return {
      nodes,
      edges: nodes.map((node, index) => ({ node, cursor: cursors[index] })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: cursors[0] ?? null,
        endCursor: cursors.at(-1) ?? null,
      },
    };
  },
  ordersCount: (args: { query?: string | null; limit?: number | null }, ctx: SandboxContext) => {
    const filter = searchToSql(parseSearchQuery(args.query), orderColumns);
    const { count } = ctx.db
      .prepare(`SELECT COUNT(*) AS count FROM orders WHERE shop_id = ? AND ${filter.where}`)
      .get(ctx.shop.id, ...filter.params) as {
      count: number;
    };
    const limit = args.limit ?? null;
    return limit !== null && count > limit
      ? { count: limit, precision: 'AT_LEAST' }
      : { count, precision: 'EXACT' };
  },
  refund: (args: { id: string }, ctx: SandboxContext) => {
    const id = parseGid(args.id, 'Refund');
    const row = id === undefined ? undefined : findRefund(ctx, id);
    return row ? refundModel(ctx, row) : null;
  },
};

export const orderMutations = {
  orderCreate: (args: OrderCreateArgs, ctx: SandboxContext) => {
    const result = ctx.db.transaction(() => createOrder(ctx, args))();
    if (result.orderId !== null) raiseOrderEvent(ctx, 'orders/create', result.orderId);
    return { order: orderModelById(ctx, result.orderId), userErrors: result.userErrors };
  },
  fulfillmentCreate: (args: FulfillmentArgs, ctx: SandboxContext) => {
    const result = ctx.db.transaction(() => createFulfillment(ctx, args))();
    if (result.orderId !== null) {
      const open = lineItemsOf(ctx, result.orderId).some((line) => lineProgress(ctx, line).remaining > 0);
      if (!open) raiseOrderEvent(ctx, 'orders/fulfilled', result.orderId);
      raiseOrderEvent(ctx, 'orders/updated', result.orderId);
    }
    const row =
      result.fulfillmentId === null
        ? undefined
        : sql(ctx.db, 'SELECT * FROM fulfillments WHERE id = ?').get(result.fulfillmentId);
    return {
      fulfillment: row ? fulfillmentModel(ctx, row as Parameters<typeof fulfillmentModel>[1]) : null,
      userErrors: result.userErrors,
    };
  },
  orderCancel: (args: CancelArgs, ctx: SandboxContext) => {
    const result = ctx.db.transaction(() => cancelOrder(ctx, args))();
    if (result.orderId !== null) {
      raiseOrderEvent(ctx, 'orders/cancelled', result.orderId);
      raiseOrderEvent(ctx, 'orders/updated', result.orderId);
    }
    // Each error appears in both lists; the deprecated one has no code (NOTES §6).
    return {
      job: result.orderId === null ? null : { id: gid('Job', result.orderId), done: true },
      orderCancelUserErrors: result.userErrors,
      userErrors: result.userErrors.map(({ field, message }) => ({ field, message })),
    };
  },
  refundCreate: (args: RefundArgs, ctx: SandboxContext, info: GraphQLResolveInfo) => {
    const key = idempotencyKey(info);
    const result = runIdempotent(ctx, key, 'refundCreate', args, () => {
      const outcome = createRefund(ctx, args);
      if (outcome.refundId !== null && outcome.orderId !== null) {
        const refund = findRefund(ctx, outcome.refundId);
        ctx.events.push({
          topic: 'refunds/create',
          payload: refundWebhookPayload(
            ctx,
            outcome.refundId,
            outcome.orderId,
            refund?.note ?? null,
            refund?.created_at ?? '',
          ),
        });
        raiseOrderEvent(ctx, 'orders/updated', outcome.orderId);
      }
      return outcome;
    });
    if (result.kind === 'mismatch')
      return {
        refund: null,
        order: null,
        userErrors: [{ field: null, message: IDEMPOTENCY_MISMATCH.message }],
      };
    const refund = result.outcome.refundId === null ? undefined : findRefund(ctx, result.outcome.refundId);
    return {
      refund: refund ? refundModel(ctx, refund) : null,
      order: orderModelById(ctx, result.outcome.orderId),
      userErrors: result.outcome.userErrors,
    };
  },
};
