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
  const recorded: RecordedMovement[] = new Array(movements.length);
  for (const index of lockOrder(movements)) {
    recorded[index] = await recordOne(trx, deps, movements[index]!);
  }
  return recorded;
}

async function recordOne(
  trx: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  movement: NewMovement,
): Promise<RecordedMovement> {
  const now = isoNow(deps.clock);
  const row = {
    id: deps.newId('mov'),
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
  if (row.idempotency_key !== null) {
    const inserted = await trx
      .insertInto('stock_movements')
      .values(row)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return existingMovement(trx, row.idempotency_key);
  } else {
    try {
      await trx.insertInto('stock_movements').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new Error(`movement id collision ${row.id}`);
      throw error;
    }
  }
  await trx
    .insertInto('stock_levels')
    .values({
      variant_id: row.variant_id,
      location_id: row.location_id,
      on_hand: row.on_hand_delta,
      committed: row.committed_delta,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['variant_id', 'location_id']).doUpdateSet({
        on_hand: sql`stock_levels.on_hand + excluded.on_hand`,
        committed: sql`stock_levels.committed + excluded.committed`,
        updated_at: now,
      }),
    )
    .execute();
  const recorded = toRecorded(row, false);
  // The Shopify outbox is written in this same transaction (DESIGN §3, ADR 0002).
  await noteMovementForShopify(trx, recorded);
  return recorded;
}

async function existingMovement(trx: Kysely<Database>, key: string): Promise<RecordedMovement> {
  const row = await trx
    .selectFrom('stock_movements')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  return toRecorded(row, true);
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
