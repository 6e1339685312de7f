import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { ShopifyConnectionRow } from './connection.repository.ts';
import { noteShopifyLevel } from './level-watch.service.ts';
import { ORDER_SNAPSHOT } from './operations/orders-updated-since.ts';
import { ingestOrder, type ShopifyOrderNode } from './order-ingestion.service.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * Works through stored webhook deliveries after they were acknowledged. Rows are claimed for a
 * while (FOR UPDATE SKIP LOCKED on PostgreSQL) so several processes share the inbox; a process
 * killed mid-row leaves a claim that expires, and the row is taken again — harmless, because
 * everything it does is keyed by event identity.
 *
 * Order, fulfilment, cancellation and refund topics all fetch the order's current state and ingest
 * it: the arrival order of webhooks then does not matter, and a refund whose order we never saw
 * brings the order in with it.
 */
const ORDER_TOPICS = new Set([
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/paid',
  'orders/edited',
]);
const CLAIM_MS = 30_000;

export interface InboxDeps {
  clock: Clock;
  newId: IdGenerator;
  dialect: Dialect;
  /** Claim length of a row being worked (default CLAIM_MS). */
  claimMs?: number;
}

export async function processWebhookInbox(
  db: Kysely<Database>,
  deps: InboxDeps,
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
  limit = 50,
): Promise<{ processed: number; failed: number }> {
  const rows = await claimRows(db, deps, limit);
  let processed = 0;
  let failed = 0;
  const ordersDone = new Set<string>();
  for (const row of rows) {
    try {
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      const orderId = ORDER_TOPICS.has(row.topic)
        ? payload.id
        : row.topic === 'refunds/create'
          ? payload.order_id
          : undefined;
      if (orderId !== undefined && orderId !== null) {
        const key = String(orderId);
        // Several deliveries about one order in a batch: its state is fetched once.
        if (!ordersDone.has(key)) {
          await ingestOrderById(db, deps, sync, key);
          ordersDone.add(key);
        }
      } else if (row.topic === 'inventory_levels/update') {
        await noteShopifyLevel(db, deps, {
          inventoryItemId: `gid://shopify/InventoryItem/${String(payload.inventory_item_id)}`,
          locationId: `gid://shopify/Location/${String(payload.location_id)}`,
          available: Number(payload.available),
        });
      }
      await db
        .updateTable('shopify_webhook_inbox')
        .set({ processed_at: isoNow(deps.clock), claimed_until: null, last_error: null })
        .where('id', '=', row.id)
        .execute();
      processed++;
    } catch (error) {
      failed++;
      await db
        .updateTable('shopify_webhook_inbox')
        .set({ last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500) })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return { processed, failed };
}

export async function ingestOrderById(
  db: Kysely<Database>,
  deps: InboxDeps,
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
  orderId: string,
): Promise<void> {
  const startedAt = sync.connection.integration_started_at;
  if (!startedAt) return; // Not syncing yet: nothing is linked, nothing can move.
  const result = await sync.shopify.request<{ order: ShopifyOrderNode | null }>(ORDER_SNAPSHOT, {
    id: `gid://shopify/Order/${orderId}`,
  });
  if (!result.ok) throw new Error(`fetching order ${orderId}: ${result.kind} ${result.message}`);
  if (result.data.order) await ingestOrder(db, deps, result.data.order, startedAt);
}

async function claimRows(db: Kysely<Database>, deps: InboxDeps, limit: number) {
  const now = isoNow(deps.clock);
  const until = new Date(deps.clock.now().getTime() + (deps.claimMs ?? CLAIM_MS)).toISOString();
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('shopify_webhook_inbox')
      .select(['id', 'topic', 'payload'])
      .where('processed_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('id')
      .limit(limit);
    if (deps.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length > 0) {
      await trx
        .updateTable('shopify_webhook_inbox')
        .set({ claimed_until: until, attempts: sql`attempts + 1` })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows;
  });
}
