import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { INVENTORY_ADJUST } from './operations/inventory-adjust.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';

/**
 * Step 2 of POS → Shopify: send planned pushes as `available` deltas with inventoryAdjustQuantities,
 * up to 250 changes per call (Shopify's input limit).
 *
 * Idempotency across crashes and timeouts: a batch is written down (its pushes get a batch key)
 * BEFORE the call, and the call carries `@idempotent(key: <batch key>)`. A batch whose claim expired
 * without a confirmed answer — the process died, or the call timed out after Shopify applied it — is
 * sent again exactly as it was, with the same key, so Shopify applies it once. Only a confirmed
 * answer moves the expectation (`expected_available += delta`) and frees the point for its next push.
 */
interface PushInventoryDeltasData {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: { id: string } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string | null }>;
  } | null;
}

export interface SendOutcome {
  batches: number;
  sent: number;
  failed: number;
  retryLater: number;
}

const MAX_CHANGES_PER_CALL = 250;

export async function sendPendingPushes(
  db: Kysely<Database>,
  deps: { clock: Clock; dialect: Dialect; claimMs?: number },
  shopify: ShopifyGraphql,
): Promise<SendOutcome> {
  const outcome: SendOutcome = { batches: 0, sent: 0, failed: 0, retryLater: 0 };
  for (;;) {
    const batch = await claimBatch(db, deps);
    if (!batch) return outcome;
    outcome.batches++;
    const result = await shopify.request<PushInventoryDeltasData>(INVENTORY_ADJUST, {
      idempotencyKey: batch.key,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri:
          batch.pushes.length === 1
            ? batch.pushes[0]!.reference_document_uri
            : `gid://tillsync/SyncBatch/${batch.key}`,
        changes: batch.pushes.map((p) => ({
          inventoryItemId: p.shopify_inventory_item_id,
          locationId: p.shopify_location_id,
          delta: p.delta,
          // Required as a key from 2026-04 (NOTES §5); null because a delta must not compare.
          changeFromQuantity: null,
        })),
      },
    });
    const now = isoNow(deps.clock);
    if (!result.ok && result.kind === 'graphql') {
      // Shopify refused the request itself (not a transient failure): sending it again cannot
      // help. The pushes fail, their points are freed, and the next movement plans afresh.
      const message = `${result.message}: ${JSON.stringify(result.errors ?? []).slice(0, 400)}`;
      await db.transaction().execute(async (trx) => {
        for (const push of batch.pushes) {
          await trx
            .updateTable('shopify_pushes')
            .set({ status: 'failed', last_error: message.slice(0, 500), claimed_until: null })
            .where('id', '=', push.id)
            .execute();
          await releasePoint(trx, push, now);
        }
      });
      outcome.failed += batch.pushes.length;
      continue;
    }
    if (!result.ok) {
      // Ambiguous or transient: keep the batch as it is; it is re-sent with the same key once the
      // claim expires. Recorded so the sync page can show it.
      outcome.retryLater += batch.pushes.length;
      await db
        .updateTable('shopify_pushes')
        .set({ last_error: `${result.kind}: ${result.message}`.slice(0, 500) })
        .where('batch_key', '=', batch.key)
        .execute();
      return outcome;
    }
    const payload = result.data.inventoryAdjustQuantities;
    const userErrors = payload?.userErrors ?? [];
    if (userErrors.length === 0) {
      await db.transaction().execute(async (trx) => {
        for (const push of batch.pushes) await confirmPush(trx, push, now);
      });
      outcome.sent += batch.pushes.length;
      continue;
    }
    // Shopify applies a batch all or nothing. Fail the changes it named; the rest go again in a new batch.
    const failedIndexes = new Set(
      userErrors.map((e) => Number(e.field?.[2])).filter((n) => Number.isInteger(n) && n >= 0),
    );
    const message = userErrors.map((e) => `${e.code ?? ''} ${e.message}`.trim()).join('; ');
    await db.transaction().execute(async (trx) => {
      for (const [index, push] of batch.pushes.entries()) {
        const failed = failedIndexes.size === 0 || failedIndexes.has(index);
        if (failed) {
          await trx
            .updateTable('shopify_pushes')
            .set({ status: 'failed', last_error: message.slice(0, 500), claimed_until: null })
            .where('id', '=', push.id)
            .execute();
          await releasePoint(trx, push, now);
          outcome.failed++;
        } else {
          await trx
            .updateTable('shopify_pushes')
            .set({ batch_key: null, claimed_until: null })
            .where('id', '=', push.id)
            .execute();
        }
      }
    });
    if (failedIndexes.size === 0) return outcome;
  }
}

interface ClaimedPush {
  id: number;
  variant_id: string;
  location_id: string;
  delta: number;
  reference_document_uri: string;
  shopify_inventory_item_id: string;
  shopify_location_id: string;
}

/**
 * Shopify keeps a key's result: a key that an earlier install of the till (a wiped or restored
 * database, whose row ids start again) already used would replay that answer instead of applying
 * this change. The first movement's id is a ULID, unique to this change, so the key is never
 * reused; the push ids tell apart a refused push sent again by hand, which carries the same movement.
 */
function batchIdempotencyKey(members: Array<{ id: number; reference_document_uri: string }>): string {
  const first = members[0]!;
  const movement = first.reference_document_uri.split('/').at(-1);
  return `tillsync-batch-${movement}-${first.id}-${members.at(-1)!.id}-${members.length}`;
}

/** Claims an unfinished batch whose claim expired, or else forms a new one from pending pushes. */
async function claimBatch(
  db: Kysely<Database>,
  deps: { clock: Clock; dialect: Dialect; claimMs?: number },
): Promise<{ key: string; pushes: ClaimedPush[] } | null> {
  const now = isoNow(deps.clock);
  const claimedUntil = new Date(deps.clock.now().getTime() + (deps.claimMs ?? 30_000)).toISOString();
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('shopify_pushes')
      .select(['id', 'batch_key', 'reference_document_uri'])
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy(sql`case when batch_key is null then 1 else 0 end`)
      .orderBy('id')
      .limit(MAX_CHANGES_PER_CALL);
    if (deps.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const candidates = await query.execute();
    const head = candidates[0];
    if (!head) return null;
    // An interrupted batch is re-sent whole, on its own; new pushes form a batch only among themselves.
    const members = head.batch_key
      ? candidates.filter((c) => c.batch_key === head.batch_key)
      : candidates.filter((c) => c.batch_key === null);
    const ids = members.map((m) => m.id);
    const key = head.batch_key ?? batchIdempotencyKey(members);
    await trx
      .updateTable('shopify_pushes')
      .set({ batch_key: key, claimed_until: claimedUntil, attempts: sql`attempts + 1` })
      .where('id', 'in', ids)
      .execute();
    const pushes = await trx
      .selectFrom('shopify_pushes as p')
      .innerJoin('shopify_variant_links as link', 'link.variant_id', 'p.variant_id')
      .innerJoin('shopify_location_map as map', 'map.location_id', 'p.location_id')
      .select([
        'p.id',
        'p.variant_id',
        'p.location_id',
        'p.delta',
        'p.reference_document_uri',
        'link.shopify_inventory_item_id',
        'map.shopify_location_id',
      ])
      .where('p.batch_key', '=', key)
      .orderBy('p.id')
      .execute();
    return { key, pushes };
  });
}

async function confirmPush(trx: Kysely<Database>, push: ClaimedPush, now: string): Promise<void> {
  const updated = await trx
    .updateTable('shopify_pushes')
    .set({ status: 'sent', sent_at: now, claimed_until: null, last_error: null })
    .where('id', '=', push.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  // A second process confirming the same batch must not move the expectation twice.
  if (Number(updated.numUpdatedRows) === 0) return;
  await trx
    .updateTable('shopify_sync_points')
    .set({
      expected_available: sql`expected_available + ${push.delta}`,
      in_flight_push_id: null,
      last_pushed_at: now,
      updated_at: now,
    })
    .where('variant_id', '=', push.variant_id)
    .where('location_id', '=', push.location_id)
    .execute();
}

async function releasePoint(trx: Kysely<Database>, push: ClaimedPush, now: string): Promise<void> {
  await trx
    .updateTable('shopify_sync_points')
    .set({ in_flight_push_id: null, updated_at: now })
    .where('variant_id', '=', push.variant_id)
    .where('location_id', '=', push.location_id)
    .where('in_flight_push_id', '=', push.id)
    .execute();
}
