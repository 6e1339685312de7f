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
import { readAllShopifyAvailable } from './reconcile-bulk-read.ts';
import type { BulkWaitOptions } from './shopify-bulk-query.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import { listSyncPoints, type SyncPointView } from './sync-points.repository.ts';
import type { InboxDeps } from './webhook-inbox.processor.ts';

/**
 * Reconciliation, the safety net (DESIGN §3). In order:
 * 1. ingest every order updated since the cursor, so un-ingested orders explain what they can;
 * 2. flush our own pending pushes;
 * 3. read Shopify's `available` for every linked item and mapped location: paged, 50 items a call,
 *    for a small shop; one bulk export for a large one (at least `bulkReadAbove` points), whose job
 *    runs outside the cost bucket (ADR 0002);
 * 4. for each point with no push in flight: a Shopify value other than the one we expect is a
 *    Shopify-side edit — taken in as a POS adjustment when the owner chose 'accept', otherwise
 *    overridden; a value equal to the expectation but not to the POS target is a change we have
 *    not pushed. Corrections use inventorySetQuantities with changeFromQuantity = the value read,
 *    250 rows a call (Shopify's input array cap), so a sale Shopify makes meanwhile is never
 *    overwritten (the point is retried next run);
 * 5. write the drift report: item, location, POS, Shopify, cause, action.
 */
/**
 * Items per levels read. Shopify charges `nodes(ids:)` per id (each with its levels connection), so
 * 250 ids would pass the 1000-point cap of a single query; 50 stay well under it. (The sandbox
 * charges a list as one element, more leniently than Shopify — noted in docs/sandbox.md.)
 */
export const ITEMS_PER_READ = 50;
/** Rows per inventorySetQuantities call: Shopify refuses input arrays above 250 (NOTES §10). */
export const SET_QUANTITIES_PER_CALL = 250;
/**
 * From this many sync points on, levels are read with a bulk export. Paged, each point costs about
 * 15 points of a 100-a-second bucket (Standard plan), so 2,000 points are ~5 minutes of budget; the
 * export costs a few points whatever the size, but waits for a job to start and finish.
 */
export const BULK_READ_ABOVE_POINTS = 2000;
/**
 * A point being corrected is marked as if a push were in flight, so the push planner leaves it alone
 * between our read and our compare-and-swap (a push planned against the old expectation would land on
 * top of the corrected value). A mark left by a process killed mid-correction is lifted after a while.
 */
export const RECONCILING = -1;
const STALE_CORRECTION_MS = 2 * 60 * 1000;
/** Passes over points that were busy (a push in flight, or moved before our compare-and-swap). */
const MAX_RETRY_PASSES = 3;
/** Correction calls in flight at once. */
const SET_CALLS_IN_FLIGHT = 4;
/** Rows per statement when writing the report (well under SQLite's and PostgreSQL's bind limits). */
const ROWS_PER_WRITE = 500;

export interface ReconcileOptions {
  /** Read with a bulk export when there are at least this many sync points. */
  bulkReadAbove?: number;
  bulk?: BulkWaitOptions;
}

export interface ReconcileOutcome {
  reportId: string;
  pointsChecked: number;
  drifted: number;
  corrected: number;
  stale: number;
  /** How Shopify's levels were read; `bulkFallback` says why a bulk read gave way to paging. */
  read: 'paged' | 'bulk';
  bulkFallback?: string;
}

type Sync = { connection: ShopifyConnectionRow; shopify: ShopifyGraphql };
type DriftedPoint = { point: SyncPointView; actual: number };

export async function reconcile(
  db: Kysely<Database>,
  deps: InboxDeps,
  sync: Sync,
  trigger: 'schedule' | 'manual' | 'first_sync',
  options: ReconcileOptions = {},
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
  const outcome: ReconcileOutcome = {
    reportId,
    pointsChecked: 0,
    drifted: 0,
    corrected: 0,
    stale: 0,
    read: 'paged',
  };
  // Points busy in a pass (a push in flight, or moved before our compare-and-swap — with several
  // processes, often another one catching up on the same orders) are tried again a few times once
  // the pushes are flushed, rather than left drifted until the next run.
  let busy = new Set<string>();
  const tally = (drifted: DriftedPoint[], actions: CorrectionAction[]) => {
    for (const [index, action] of actions.entries()) {
      if (action === 'set' || action === 'accepted') outcome.corrected++;
      if (action === 'stale_retry') busy.add((drifted[index] as DriftedPoint).point.variantId);
    }
  };
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

    // What each point expects before Shopify is read; the full view is listed after the read.
    const before = await pointStates(db);
    const bulk =
      before.size >= (options.bulkReadAbove ?? BULK_READ_ABOVE_POINTS)
        ? await readAllShopifyAvailable(sync.shopify, options.bulk)
        : undefined;
    if (bulk?.ok) {
      outcome.read = 'bulk';
      // The export took a while: orders ingested meanwhile move expectations, and a point whose
      // expectation or push moved during the read is left for the next run rather than misjudged.
      await pollUpdatedOrders(db, deps, sync);
      const drifted: DriftedPoint[] = [];
      for (const point of await listSyncPoints(db)) {
        const earlier = before.get(pointKey(point));
        if (!earlier) continue;
        outcome.pointsChecked++;
        if (
          point.inFlightPushId !== null ||
          earlier.inFlightPushId !== null ||
          earlier.expectedAvailable !== point.expectedAvailable
        ) {
          busy.add(point.variantId);
          continue;
        }
        const actual = bulk.levels.get(`${point.inventoryItemId}|${point.shopifyLocationId}`);
        if (actual === undefined) continue;
        if (actual === point.expectedAvailable && actual === point.target) continue;
        drifted.push({ point, actual });
      }
      outcome.drifted = drifted.length;
      tally(drifted, await correctPoints(db, deps, sync, drifted, reportId, 'bulk'));
    } else if (bulk) {
      outcome.bulkFallback = bulk.message;
    }
    // The paged read: every point when there was no export, else the points the export left busy.
    let points = bulk?.ok ? [] : await listSyncPoints(db);
    for (let pass = bulk?.ok ? 1 : 0; ; pass++) {
      for (let i = 0; i < points.length; i += ITEMS_PER_READ) {
        const chunk = points.slice(i, i + ITEMS_PER_READ);
        const shopifyLevels = await readShopifyAvailable(sync.shopify, [
          ...new Set(chunk.map((p) => p.inventoryItemId)),
        ]);
        const drifted: DriftedPoint[] = [];
        for (const point of chunk) {
          if (pass === 0) outcome.pointsChecked++;
          if (point.inFlightPushId !== null) {
            busy.add(point.variantId);
            continue;
          }
          const actual = shopifyLevels.get(`${point.inventoryItemId}|${point.shopifyLocationId}`);
          if (actual === undefined) continue;
          if (actual === point.expectedAvailable && actual === point.target) continue;
          drifted.push({ point, actual });
        }
        if (pass === 0) outcome.drifted += drifted.length;
        tally(
          drifted,
          await correctPoints(db, deps, sync, drifted, reportId, `${pass}-${i / ITEMS_PER_READ}`),
        );
      }
      if (busy.size === 0 || pass >= MAX_RETRY_PASSES) break;
      await new Promise((resolve) => setTimeout(resolve, 200 * (pass + 1)));
      await planPushes(db, deps);
      await sendPendingPushes(db, deps, sync.shopify);
      points = await listSyncPoints(db, [...busy]);
      busy = new Set();
    }
    outcome.stale = busy.size;
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

const pointKey = (p: { variantId: string; locationId: string }) => `${p.variantId}|${p.locationId}`;

/** Each sync point's expectation and push in flight, without the joins of the full view. */
async function pointStates(
  db: Kysely<Database>,
): Promise<Map<string, { expectedAvailable: number; inFlightPushId: number | null }>> {
  const rows = await db
    .selectFrom('shopify_sync_points')
    .select(['variant_id', 'location_id', 'expected_available', 'in_flight_push_id'])
    .execute();
  return new Map(
    rows.map((r) => [
      pointKey({ variantId: r.variant_id, locationId: r.location_id }),
      { expectedAvailable: r.expected_available, inFlightPushId: r.in_flight_push_id },
    ]),
  );
}

type CorrectionAction = 'set' | 'accepted' | 'stale_retry' | 'failed';

/**
 * Corrects drifted points: edits the owner chose to accept become POS adjustments (one transaction
 * per batch); everything else is set on Shopify in batched compare-and-swap calls. The report rows
 * and the resolved stock edits are then written a few hundred rows a statement.
 */
async function correctPoints(
  db: Kysely<Database>,
  deps: InboxDeps,
  sync: Sync,
  drifted: DriftedPoint[],
  reportId: string,
  batchName: string,
): Promise<CorrectionAction[]> {
  if (drifted.length === 0) return [];
  const actions = new Map<SyncPointView, CorrectionAction>();
  const toAccept: DriftedPoint[] = [];
  const toSet: DriftedPoint[] = [];
  for (const row of drifted) {
    if (row.actual !== row.point.expectedAvailable && sync.connection.edit_policy === 'accept')
      toAccept.push(row);
    else toSet.push(row);
  }
  for (let i = 0; i < toAccept.length; i += SET_QUANTITIES_PER_CALL) {
    const batch = toAccept.slice(i, i + SET_QUANTITIES_PER_CALL);
    await acceptShopifyEdits(
      db,
      deps,
      batch.map((row) => ({ point: row.point, difference: row.actual - row.point.expectedAvailable })),
    );
    for (const row of batch) actions.set(row.point, 'accepted');
  }
  const batches: Array<{ rows: DriftedPoint[]; key: string }> = [];
  for (let i = 0; i < toSet.length; i += SET_QUANTITIES_PER_CALL) {
    batches.push({
      rows: toSet.slice(i, i + SET_QUANTITIES_PER_CALL),
      key:
        toSet.length > SET_QUANTITIES_PER_CALL
          ? `tillsync-reconcile-${reportId}-${batchName}-${i / SET_QUANTITIES_PER_CALL}`
          : `tillsync-reconcile-${reportId}-${batchName}`,
    });
  }
  // Batches touch disjoint points, so a few go at once: the wait is Shopify's round trip, not the
  // bucket (a 250-row set costs 13 points).
  await inParallel(batches, SET_CALLS_IN_FLIGHT, async ({ rows, key }) => {
    const claimed = await claimPoints(db, deps, rows);
    for (const row of rows) if (!claimed.includes(row)) actions.set(row.point, 'stale_retry');
    try {
      const setActions = await setAvailableBatch(db, deps, sync.shopify, claimed, key);
      for (const [j, row] of claimed.entries()) actions.set(row.point, setActions[j] ?? 'failed');
    } finally {
      await releasePoints(db, deps, claimed);
    }
  });

  const now = isoNow(deps.clock);
  const resolved: Array<{ point: SyncPointView; status: 'accepted' | 'overridden' }> = [];
  const reportRows = drifted.map(({ point, actual }) => {
    const action = actions.get(point) ?? 'failed';
    const shopifyEdited = actual !== point.expectedAvailable;
    if (shopifyEdited && (action === 'set' || action === 'accepted'))
      resolved.push({ point, status: action === 'accepted' ? 'accepted' : 'overridden' });
    return {
      report_id: reportId,
      variant_id: point.variantId,
      location_id: point.locationId,
      pos_online_available: point.target,
      shopify_available: actual,
      expected_available: point.expectedAvailable,
      cause: shopifyEdited ? ('shopify_edit' as const) : ('unpushed_change' as const),
      action,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < reportRows.length; i += ROWS_PER_WRITE)
      await trx
        .insertInto('shopify_drift_rows')
        .values(reportRows.slice(i, i + ROWS_PER_WRITE))
        .execute();
    for (const [group, rows] of groupBy(resolved, (r) => `${r.status}|${r.point.locationId}`)) {
      const [status, locationId] = group.split('|') as ['accepted' | 'overridden', string];
      for (let i = 0; i < rows.length; i += ROWS_PER_WRITE)
        await trx
          .updateTable('shopify_stock_edits')
          .set({ status, resolved_at: now, resolved_by: 'reconciliation' })
          .where('location_id', '=', locationId)
          .where(
            'variant_id',
            'in',
            rows.slice(i, i + ROWS_PER_WRITE).map((r) => r.point.variantId),
          )
          .where('status', '=', 'detected')
          .execute();
    }
  });
  return drifted.map(({ point }) => actions.get(point) ?? 'failed');
}

/** Marks points as being corrected, only while nothing moved them since they were read. */
async function claimPoints(db: Kysely<Database>, deps: { clock: Clock }, rows: DriftedPoint[]) {
  const claimedAt = isoNow(deps.clock);
  return db.transaction().execute(async (trx) => {
    const claimed: DriftedPoint[] = [];
    for (const row of rows) {
      const claim = await trx
        .updateTable('shopify_sync_points')
        .set({ in_flight_push_id: RECONCILING, updated_at: claimedAt })
        .where('variant_id', '=', row.point.variantId)
        .where('location_id', '=', row.point.locationId)
        .where('in_flight_push_id', 'is', null)
        .where('expected_available', '=', row.point.expectedAvailable)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) === 1) claimed.push(row);
    }
    return claimed;
  });
}

async function releasePoints(db: Kysely<Database>, deps: { clock: Clock }, rows: DriftedPoint[]) {
  const now = isoNow(deps.clock);
  for (const group of groupBy(rows, (r) => r.point.locationId).values()) {
    const locationId = (group[0] as DriftedPoint).point.locationId;
    for (let i = 0; i < group.length; i += ROWS_PER_WRITE)
      await db
        .updateTable('shopify_sync_points')
        .set({ in_flight_push_id: null, updated_at: now })
        .where('location_id', '=', locationId)
        .where(
          'variant_id',
          'in',
          group.slice(i, i + ROWS_PER_WRITE).map((r) => r.point.variantId),
        )
        .where('in_flight_push_id', '=', RECONCILING)
        .execute();
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
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

/** Many accepted edits in one transaction (reconciliation of a large shop). */
async function acceptShopifyEdits(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  edits: Array<{ point: Pick<SyncPointView, 'variantId' | 'locationId'>; difference: number }>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordMovements(
      trx,
      deps,
      edits.map(({ point, difference }) => ({
        variantId: point.variantId,
        locationId: point.locationId,
        onHandDelta: difference,
        committedDelta: 0,
        reason: 'reconciliation' as const,
        note: 'Stock edited in Shopify, taken in as a POS adjustment',
        sourceType: 'shopify_stock_edit',
        sourceId: `${point.variantId}@${point.locationId}`,
      })),
    );
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
    // Moved by the correction rather than set to it: an order ingested since the read has already
    // moved the expectation, and Shopify took that order after our set (else the set was stale).
    // Points corrected by the same amount at the same location move together.
    const now = isoNow(deps.clock);
    const correction = (r: DriftedPoint) => r.point.target - r.point.expectedAvailable;
    await db.transaction().execute(async (trx) => {
      for (const group of groupBy(rows, (r) => `${correction(r)}|${r.point.locationId}`).values()) {
        const first = group[0] as DriftedPoint;
        const { locationId } = first.point;
        for (let i = 0; i < group.length; i += ROWS_PER_WRITE)
          await trx
            .updateTable('shopify_sync_points')
            .set({ expected_available: sql`expected_available + ${correction(first)}`, updated_at: now })
            .where('location_id', '=', locationId)
            .where(
              'variant_id',
              'in',
              group.slice(i, i + ROWS_PER_WRITE).map((r) => r.point.variantId),
            )
            .where('in_flight_push_id', '=', RECONCILING)
            .execute();
      }
    });
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
