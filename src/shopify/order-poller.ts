import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { ShopifyConnectionRow } from './connection.repository.ts';
import { ORDERS_UPDATED_SINCE } from './operations/orders-updated-since.ts';
import { ingestOrder, type ShopifyOrderNode } from './order-ingestion.service.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import type { InboxDeps } from './webhook-inbox.processor.ts';

/**
 * The polling backstop: webhooks can be lost, so every order updated since the stored cursor is
 * read and ingested the same way a webhook would have. The query starts a little before the cursor
 * (clocks and Shopify's indexing are not exact); ingestion is idempotent, so the overlap is free.
 */
export const ORDERS_CURSOR = 'orders.updated_at';
const OVERLAP_MS = 2 * 60 * 1000;
/** 25 orders a page keeps a page's requested cost near 450 points, far from the 1000 cap. */
const ORDERS_PER_PAGE = 25;

export async function pollUpdatedOrders(
  db: Kysely<Database>,
  deps: InboxDeps & { clock: Clock },
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
): Promise<{ orders: number; recorded: number }> {
  const startedAt = sync.connection.integration_started_at;
  if (!startedAt) return { orders: 0, recorded: 0 };
  const stored = await db
    .selectFrom('shopify_cursors')
    .select('value')
    .where('name', '=', ORDERS_CURSOR)
    .executeTakeFirst();
  const cursor = stored?.value ?? startedAt;
  const since = new Date(new Date(cursor).getTime() - OVERLAP_MS).toISOString();
  let after: string | null = null;
  let newest = cursor;
  let orders = 0;
  let recorded = 0;
  do {
    const page: Awaited<ReturnType<typeof fetchPage>> = await fetchPage(sync.shopify, since, after);
    for (const order of page.nodes) {
      const result = await ingestOrder(db, deps, order, startedAt);
      recorded += result.recorded;
      orders++;
      if (Date.parse(order.updatedAt) > Date.parse(newest)) newest = order.updatedAt;
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  const now = isoNow(deps.clock);
  await db
    .insertInto('shopify_cursors')
    .values({ name: ORDERS_CURSOR, value: newest, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: newest, updated_at: now }))
    .execute();
  return { orders, recorded };
}

async function fetchPage(shopify: ShopifyGraphql, since: string, after: string | null) {
  const result = await shopify.request<{
    orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyOrderNode[] };
  }>(ORDERS_UPDATED_SINCE, { first: ORDERS_PER_PAGE, query: `updated_at:>'${since}'`, after });
  if (!result.ok) throw new Error(`polling orders: ${result.kind} ${result.message}`);
  return result.data.orders;
}
