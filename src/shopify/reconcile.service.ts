import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { recordMovements } from '../inventory/ledger.repository.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { ShopifyConnectionRow } from './connection.repository.ts';
import { INVENTORY_LEVELS_BY_IDS } from './operations/inventory-levels-by-ids.ts';
import { INVENTORY_SET } from './operations/inventory-set.ts';
import { pollUpdatedOrders } from './order-poller.ts';
import { planPushes } from './push-planner.ts';
import { sendPendingPushes } from './push-sender.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import { listSyncPoints, type SyncPointView } from './sync-points.repository.ts';
import type { InboxDeps } from './webhook-inbox.processor.ts';

/**
 * Reconciliation, the safety net (DESIGN §3). In order:
 * 1. ingest every order updated since the cursor, so un-ingested orders explain what they can;
 * 2. flush our own pending pushes;
 * 3. read Shopify's `available` for every linked item and mapped location;
 * 4. for each point with no push in flight: a Shopify value other than the one we expect is a
 *    Shopify-side edit — taken in as a POS adjustment when the owner chose 'accept', otherwise
 *    overridden; a value equal to the expectation but not to the POS target is a change we have
 *    not pushed. Corrections use inventorySetQuantities with changeFromQuantity = the value read,
 *    so a sale Shopify makes meanwhile is never overwritten (the point is retried next run);
 * 5. write the drift report: item, location, POS, Shopify, cause, action.
 */
/**
 * Items per levels read. Shopify charges `nodes(ids:)` per id (each with its levels connection), so
 * 250 ids would pass the 1000-point cap of a single query; 50 stay well under it. (The sandbox
 * charges a list as one element, more leniently than Shopify — noted in docs/sandbox.md.)
 */
export const ITEMS_PER_READ = 50;
/**
 * A point being corrected is marked as if a push were in flight, so the push planner leaves it alone
 * between our read and our compare-and-swap (a push planned against the old expectation would land on
 * top of the corrected value). A mark left by a process killed mid-correction is lifted after a while.
 */
export const RECONCILING = -1;
const STALE_CORRECTION_MS = 2 * 60 * 1000;
const MAX_RETRY_PASSES = 3;

export interface ReconcileOutcome {
  reportId: string;
  pointsChecked: number;
  drifted: number;
  corrected: number;
  stale: number;
}

export async function reconcile(
  db: Kysely<Database>,
  deps: InboxDeps,
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
  trigger: 'schedule' | 'manual' | 'first_sync',
): Promise<ReconcileOutcome> {
  const reportId = deps.newId('drift');
  const startedAt = isoNow(deps.clock);
  await db
    .insertInto('shopify_drift_reports')
    .values({
      id: reportId,
      started_at: startedAt,
      finished_at: null,
      trigger,
      points_checked: 0,
      drifted: 0,
      corrected: 0,
      stale: 0,
      error: null,
    })
    .execute();
  const outcome: ReconcileOutcome = { reportId, pointsChecked: 0, drifted: 0, corrected: 0, stale: 0 };
  try {
    await db
      .updateTable('shopify_sync_points')
      .set({ in_flight_push_id: null })
      .where('in_flight_push_id', '=', RECONCILING)
      .where('updated_at', '<', new Date(deps.clock.now().getTime() - STALE_CORRECTION_MS).toISOString())
      .execute();
    await pollUpdatedOrders(db, deps, sync);
    await planPushes(db, deps);
    await sendPendingPushes(db, deps, sync.shopify);

    // Points busy in the first pass (a push in flight, or moved before our compare-and-swap — with
    // several processes, often another process catching up on the same orders) are tried again a
    // few times once the pushes are flushed, rather than left drifted until the next run.
    let points = await listSyncPoints(db);
    for (let pass = 0; points.length > 0; pass++) {
      const busy: string[] = [];
      for (let i = 0; i < points.length; i += ITEMS_PER_READ) {
        const chunk = points.slice(i, i + ITEMS_PER_READ);
        const shopifyLevels = await readShopifyAvailable(sync.shopify, [
          ...new Set(chunk.map((p) => p.inventoryItemId)),
        ]);
        const drifted: Array<{ point: SyncPointView; actual: number }> = [];
        for (const point of chunk) {
          if (pass === 0) outcome.pointsChecked++;
          if (point.inFlightPushId !== null) {
            busy.push(point.variantId);
            continue;
          }
          const actual = shopifyLevels.get(`${point.inventoryItemId}|${point.shopifyLocationId}`);
          if (actual === undefined) continue;
          if (actual === point.expectedAvailable && actual === point.target) continue;
          drifted.push({ point, actual });
        }
        if (pass === 0) outcome.drifted += drifted.length;
        const actions = await correctPoints(
          db,
          deps,
          sync,
          drifted,
          reportId,
          `${pass}-${i / ITEMS_PER_READ}`,
        );
        for (const [index, action] of actions.entries()) {
          if (action === 'set' || action === 'accepted') outcome.corrected++;
          if (action === 'stale_retry')
            busy.push((drifted[index] as { point: SyncPointView }).point.variantId);
        }
      }
      if (busy.length === 0 || pass >= MAX_RETRY_PASSES) {
        outcome.stale = busy.length;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * (pass + 1)));
      await planPushes(db, deps);
      await sendPendingPushes(db, deps, sync.shopify);
      points = await listSyncPoints(db, [...new Set(busy)]);
    }
    await db
      .updateTable('shopify_drift_reports')
      .set({
        finished_at: isoNow(deps.clock),
        points_checked: outcome.pointsChecked,
        drifted: outcome.drifted,
        corrected: outcome.corrected,
        stale: outcome.stale,
      })
      .where('id', '=', reportId)
      .execute();
  } catch (error) {
    await db
      .updateTable('shopify_drift_reports')
      .set({
        finished_at: isoNow(deps.clock),
        error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      })
      .where('id', '=', reportId)
      .execute();
    throw error;
  }
  return outcome;
}

type CorrectionAction = 'set' | 'accepted' | 'stale_retry' | 'failed';

/**
 * Corrects one read chunk's drifted points: edits the owner chose to accept become POS
 * adjustments; everything else is set on Shopify in one batched, compare-and-swap call.
 */
async function correctPoints(
  db: Kysely<Database>,
  deps: InboxDeps,
  sync: { connection: ShopifyConnectionRow; shopify: ShopifyGraphql },
  drifted: Array<{ point: SyncPointView; actual: number }>,
  reportId: string,
  batchIndex: string,
): Promise<CorrectionAction[]> {
  const actions = new Map<SyncPointView, CorrectionAction>();
  const toSet: Array<{ point: SyncPointView; actual: number }> = [];
  for (const row of drifted) {
    if (row.actual !== row.point.expectedAvailable && sync.connection.edit_policy === 'accept') {
      await acceptShopifyEdit(db, deps, row.point, row.actual - row.point.expectedAvailable);
      actions.set(row.point, 'accepted');
    } else {
      toSet.push(row);
    }
  }
  const claimed: typeof toSet = [];
  const claimedAt = isoNow(deps.clock);
  for (const row of toSet) {
    // Only while nothing moved the point since it was read: else a push or an order is under way.
    const claim = await db
      .updateTable('shopify_sync_points')
      .set({ in_flight_push_id: RECONCILING, updated_at: claimedAt })
      .where('variant_id', '=', row.point.variantId)
      .where('location_id', '=', row.point.locationId)
      .where('in_flight_push_id', 'is', null)
      .where('expected_available', '=', row.point.expectedAvailable)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 1) claimed.push(row);
    else actions.set(row.point, 'stale_retry');
  }
  try {
    const setActions = await setAvailableBatch(
      db,
      deps,
      sync.shopify,
      claimed,
      `tillsync-reconcile-${reportId}-${batchIndex}`,
    );
    for (const [i, row] of claimed.entries()) actions.set(row.point, setActions[i] ?? 'failed');
  } finally {
    for (const { point } of claimed) {
      await db
        .updateTable('shopify_sync_points')
        .set({ in_flight_push_id: null, updated_at: isoNow(deps.clock) })
        .where('variant_id', '=', point.variantId)
        .where('location_id', '=', point.locationId)
        .where('in_flight_push_id', '=', RECONCILING)
        .execute();
    }
  }

  for (const { point, actual } of drifted) {
    const action = actions.get(point) ?? 'failed';
    const shopifyEdited = actual !== point.expectedAvailable;
    await db
      .insertInto('shopify_drift_rows')
      .values({
        report_id: reportId,
        variant_id: point.variantId,
        location_id: point.locationId,
        pos_online_available: point.target,
        shopify_available: actual,
        expected_available: point.expectedAvailable,
        cause: shopifyEdited ? 'shopify_edit' : 'unpushed_change',
        action,
      })
      .execute();
    if (shopifyEdited && (action === 'set' || action === 'accepted')) {
      await db
        .updateTable('shopify_stock_edits')
        .set({
          status: action === 'accepted' ? 'accepted' : 'overridden',
          resolved_at: isoNow(deps.clock),
          resolved_by: 'reconciliation',
        })
        .where('variant_id', '=', point.variantId)
        .where('location_id', '=', point.locationId)
        .where('status', '=', 'detected')
        .execute();
    }
  }
  return drifted.map(({ point }) => actions.get(point) ?? 'failed');
}

/** Takes a Shopify-side edit into the POS as an adjustment ('reconciliation' movement). */
export async function acceptShopifyEdit(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  point: Pick<SyncPointView, 'variantId' | 'locationId'>,
  difference: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordMovements(trx, deps, [
      {
        variantId: point.variantId,
        locationId: point.locationId,
        onHandDelta: difference,
        committedDelta: 0,
        reason: 'reconciliation',
        note: 'Stock edited in Shopify, taken in as a POS adjustment',
        sourceType: 'shopify_stock_edit',
        sourceId: `${point.variantId}@${point.locationId}`,
      },
    ]);
  });
}

/**
 * Sets many points at once with compare-and-swap (`changeFromQuantity` = the value read). Shopify
 * applies such a call all or nothing, so when some rows are refused (a sale made them stale), the
 * others are sent once more on their own, under a new key; the stale ones wait for the next run.
 */
async function setAvailableBatch(
  db: Kysely<Database>,
  deps: InboxDeps,
  shopify: ShopifyGraphql,
  rows: Array<{ point: SyncPointView; actual: number }>,
  key: string,
  retry = true,
): Promise<CorrectionAction[]> {
  if (rows.length === 0) return [];
  const result = await shopify.request<{
    inventorySetQuantities: {
      userErrors: Array<{ code: string | null; field: string[] | null; message: string }>;
    } | null;
  }>(INVENTORY_SET, {
    idempotencyKey: key,
    input: {
      name: 'available',
      reason: 'correction',
      referenceDocumentUri: `gid://tillsync/Reconciliation/${key}`,
      quantities: rows.map(({ point, actual }) => ({
        inventoryItemId: point.inventoryItemId,
        locationId: point.shopifyLocationId,
        quantity: point.target,
        changeFromQuantity: actual,
      })),
    },
  });
  if (!result.ok) return rows.map(() => 'failed');
  const errors = result.data.inventorySetQuantities?.userErrors ?? [];
  if (errors.length === 0) {
    for (const { point } of rows) {
      // Moved by the correction rather than set to it: an order ingested since the read has already
      // moved the expectation, and Shopify took that order after our set (else the set was stale).
      await db
        .updateTable('shopify_sync_points')
        .set({
          expected_available: sql`expected_available + ${point.target - point.expectedAvailable}`,
          updated_at: isoNow(deps.clock),
        })
        .where('variant_id', '=', point.variantId)
        .where('location_id', '=', point.locationId)
        .where('in_flight_push_id', '=', RECONCILING)
        .execute();
    }
    return rows.map(() => 'set');
  }
  const refused = new Map<number, CorrectionAction>();
  for (const error of errors) {
    const index = Number(error.field?.[2]);
    if (Number.isInteger(index))
      refused.set(index, error.code === 'CHANGE_FROM_QUANTITY_STALE' ? 'stale_retry' : 'failed');
  }
  if (refused.size === 0 || !retry) return rows.map((_, i) => refused.get(i) ?? 'failed');
  const rest = rows.map((row, i) => ({ row, i })).filter(({ i }) => !refused.has(i));
  const restActions = await setAvailableBatch(
    db,
    deps,
    shopify,
    rest.map(({ row }) => row),
    `${key}-retry`,
    false,
  );
  const actions: CorrectionAction[] = rows.map((_, i) => refused.get(i) ?? 'failed');
  rest.forEach(({ i }, j) => {
    actions[i] = restActions[j] ?? 'failed';
  });
  return actions;
}

/** Shopify's `available` by `<inventoryItemId>|<locationId>`, for up to ITEMS_PER_READ items. */
export async function readShopifyAvailable(
  shopify: ShopifyGraphql,
  itemIds: string[],
): Promise<Map<string, number>> {
  const result = await shopify.request<{
    nodes: Array<{
      id?: string;
      inventoryLevels?: {
        nodes: Array<{ location: { id: string }; quantities: Array<{ name: string; quantity: number }> }>;
      };
    } | null>;
  }>(INVENTORY_LEVELS_BY_IDS, { ids: itemIds });
  if (!result.ok) throw new Error(`reading Shopify levels: ${result.kind} ${result.message}`);
  const levels = new Map<string, number>();
  for (const node of result.data.nodes) {
    if (!node?.id || !node.inventoryLevels) continue;
    for (const level of node.inventoryLevels.nodes) {
      const available = level.quantities.find((q) => q.name === 'available');
      if (available) levels.set(`${node.id}|${level.location.id}`, available.quantity);
    }
  }
  return levels;
}
