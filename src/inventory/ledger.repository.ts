import { type Kysely, sql } from 'kysely';
import { lockOrder, type MovementReason } from '../core/ledger-rules.ts';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { noteMovementForShopify } from '../shopify/sync-outbox.repository.ts';

/**
 * The ledger's one write path. Every stock change in the system goes through `recordMovements`,
 * inside the caller's transaction: the movement row and the level projection change together or
 * not at all.
 *
 * Idempotency: a movement that carries an `idempotencyKey` (the identity of an outside event, e.g.
 * `shopify:order:<id>:line:<id>:created`) is recorded at most once; the database's unique index is
 * the judge, so two processes delivering the same event race safely. A repeat returns the first
 * movement with `duplicate: true` and changes no level.
 *
 * Every recorded movement is also noted for the Shopify sync in the same transaction: an outbox row
 * for a POS-originated change of a linked item, or a moved expectation for one that came from Shopify.
 *
 * Lock order: the rows are written in `lockOrder` (variant, location, key), not in the order given,
 * so two transactions touching the same level rows (a transfer A→B racing B→A, two sales listing the
 * same items differently) queue behind each other on PostgreSQL instead of deadlocking. The result
 * keeps the caller's order.
 *
 * Deltas must be safe integers: a float or NaN would silently corrupt the projection on SQLite.
 *
 * Round trips do not grow with the lines: the movements go in as one insert (keyed ones as another,
 * skipping keys already recorded), then the levels they move as one upsert, summed per row.
 */
export interface NewMovement {
  variantId: string;
  locationId: string;
  onHandDelta: number;
  committedDelta: number;
  reason: MovementReason;
  note?: string | null;
  sourceType: string;
  sourceId: string;
  idempotencyKey?: string | null;
  actorId?: string | null;
  correctsMovementId?: string | null;
}

export interface RecordedMovement {
  id: string;
  variantId: string;
  locationId: string;
  onHandDelta: number;
  committedDelta: number;
  reason: MovementReason;
  sourceType: string;
  sourceId: string;
  idempotencyKey: string | null;
  createdAt: string;
  duplicate: boolean;
}

export async function recordMovements(
  trx: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  movements: readonly NewMovement[],
): Promise<RecordedMovement[]> {
  for (const movement of movements) {
    if (!Number.isSafeInteger(movement.onHandDelta) || !Number.isSafeInteger(movement.committedDelta)) {
      throw new Error(`movement deltas must be integers (${movement.sourceType} ${movement.sourceId})`);
    }
  }
  const now = isoNow(deps.clock);
  const order = lockOrder(movements);
  const rows = order.map((index) => toRow(movements[index]!, deps.newId('mov'), now));

  // Movements first (keyed ones may be duplicates), then one upsert of the levels they move.
  const insertedKeys = await insertKeyed(
    trx,
    rows.filter((r) => r.idempotency_key !== null),
  );
  await insertUnkeyed(
    trx,
    rows.filter((r) => r.idempotency_key === null),
  );
  const recorded: RecordedMovement[] = new Array(movements.length);
  const applied: MovementRow[] = [];
  const duplicates: { index: number; key: string }[] = [];
  for (const [position, row] of rows.entries()) {
    const index = order[position]!;
    const key = row.idempotency_key;
    // A key is applied once: by the first row carrying it that the database accepted.
    if (key === null || insertedKeys.delete(key)) {
      applied.push(row);
      recorded[index] = toRecorded(row, false);
    } else {
      duplicates.push({ index, key });
    }
  }
  await applyToLevels(trx, applied, now);
  // The Shopify outbox is written in this same transaction (DESIGN §3, ADR 0002), in lock order.
  for (const row of applied) await noteMovementForShopify(trx, toRecorded(row, false));
  if (duplicates.length > 0) {
    const firsts = await existingMovements(
      trx,
      duplicates.map((d) => d.key),
    );
    for (const { index, key } of duplicates) recorded[index] = toRecorded(firsts.get(key)!, true);
  }
  return recorded;
}

type MovementRow = ReturnType<typeof toRow>;

function toRow(movement: NewMovement, id: string, now: string) {
  return {
    id,
    variant_id: movement.variantId,
    location_id: movement.locationId,
    on_hand_delta: movement.onHandDelta,
    committed_delta: movement.committedDelta,
    reason: movement.reason,
    note: movement.note ?? null,
    source_type: movement.sourceType,
    source_id: movement.sourceId,
    idempotency_key: movement.idempotencyKey ?? null,
    actor_id: movement.actorId ?? null,
    corrects_movement_id: movement.correctsMovementId ?? null,
    created_at: now,
  };
}

// Bounded so a large document stays under SQLite's and PostgreSQL's bind-parameter limits.
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/** Inserts keyed movements, skipping keys already recorded; returns the keys this call inserted. */
async function insertKeyed(trx: Kysely<Database>, rows: MovementRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of chunks(rows)) {
    const returned = await trx
      .insertInto('stock_movements')
      .values(chunk)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('idempotency_key')
      .execute();
    for (const r of returned) if (r.idempotency_key !== null) inserted.add(r.idempotency_key);
  }
  return inserted;
}

async function insertUnkeyed(trx: Kysely<Database>, rows: MovementRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    try {
      await trx.insertInto('stock_movements').values(chunk).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error('movement id collision');
      throw error;
    }
  }
}

/**
 * One upsert per chunk, rows summed per (variant, location) first: a statement may not update the same
 * row twice, and rows stay in lock order so PostgreSQL takes the row locks in that order.
 */
async function applyToLevels(trx: Kysely<Database>, applied: MovementRow[], now: string): Promise<void> {
  const sums = new Map<
    string,
    { variant_id: string; location_id: string; on_hand: number; committed: number }
  >();
  for (const row of applied) {
    const key = `${row.variant_id}\u0000${row.location_id}`;
    const sum = sums.get(key) ?? {
      variant_id: row.variant_id,
      location_id: row.location_id,
      on_hand: 0,
      committed: 0,
    };
    sum.on_hand += row.on_hand_delta;
    sum.committed += row.committed_delta;
    sums.set(key, sum);
  }
  for (const chunk of chunks([...sums.values()])) {
    await trx
      .insertInto('stock_levels')
      .values(chunk.map((sum) => ({ ...sum, updated_at: now })))
      .onConflict((oc) =>
        oc.columns(['variant_id', 'location_id']).doUpdateSet({
          on_hand: sql`stock_levels.on_hand + excluded.on_hand`,
          committed: sql`stock_levels.committed + excluded.committed`,
          updated_at: now,
        }),
      )
      .execute();
  }
}

async function existingMovements(trx: Kysely<Database>, keys: string[]): Promise<Map<string, MovementRow>> {
  const found = new Map<string, MovementRow>();
  for (const chunk of chunks([...new Set(keys)])) {
    const rows = await trx
      .selectFrom('stock_movements')
      .selectAll()
      .where('idempotency_key', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.idempotency_key!, row);
  }
  return found;
}

function toRecorded(
  row: {
    id: string;
    variant_id: string;
    location_id: string;
    on_hand_delta: number;
    committed_delta: number;
    reason: MovementReason;
    source_type: string;
    source_id: string;
    idempotency_key: string | null;
    created_at: string;
  },
  duplicate: boolean,
): RecordedMovement {
  return {
    id: row.id,
    variantId: row.variant_id,
    locationId: row.location_id,
    onHandDelta: row.on_hand_delta,
    committedDelta: row.committed_delta,
    reason: row.reason,
    sourceType: row.source_type,
    sourceId: row.source_id,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    duplicate,
  };
}
