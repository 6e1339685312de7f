import { type Kysely, sql } from 'kysely';
import { type CountLine, planCount } from '../core/stock-planning.ts';
import { dialectOf } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { findReplay, recordDocument } from './document-replay.ts';
import { joinNote, type StockActor } from './movement-view.ts';
import type { StockDocument } from './stock-documents.service.ts';
import { movementsOrThrow, requireActiveLocation, requireVariants } from './stock-references.ts';

/**
 * A stock count sets on_hand to the counted number; each movement records the difference.
 *
 * The difference is only right if on_hand cannot change between our read and our write, so the read
 * holds the level rows: on PostgreSQL a zero row is inserted where none exists and the rows are read
 * `FOR UPDATE` in lock order (a sale or another count touching them waits for us, and we for them);
 * on SQLite the caller's `inWriteTransaction` already holds the database's write lock. Must run
 * inside the caller's transaction.
 */
export async function countStock(
  trx: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  actor: StockActor,
  input: { id?: string | undefined; locationId: string; lines: CountLine[]; note?: string | undefined },
): Promise<StockDocument> {
  // Validate shape (duplicates, counted ≥ 0) before touching anything; the levels come later.
  movementsOrThrow(planCount(input, new Map()));
  const location = await requireActiveLocation(trx, input.locationId, 'locationId');
  const variantIds = input.lines.map((l) => l.variantId);
  await requireVariants(trx, variantIds, (i) => `lines.${i}.variantId`);

  const onHand = await lockOnHand(trx, deps.clock, location.id, variantIds);
  const id = input.id ?? deps.newId('cnt');
  // Checked under the row locks, so a copy of this count that held them first is already visible.
  // A count that found nothing to change leaves no trace, so its replay simply counts again.
  const replay = input.id ? await findReplay(trx, 'count', id, null) : null;
  if (replay) return { id, ...replay };
  const recorded = await recordDocument(trx, deps, {
    sourceType: 'count',
    sourceId: id,
    fromClient: input.id !== undefined,
    planned: movementsOrThrow(planCount(input, onHand)),
    note: joinNote(input.note),
    actor,
    locationNameOf: () => location.name,
  });
  return { id, ...recorded };
}

async function lockOnHand(
  trx: Kysely<Database>,
  clock: Clock,
  locationId: string,
  variantIds: readonly string[],
): Promise<Map<string, number>> {
  const sorted = [...variantIds].sort();
  const postgres = dialectOf(trx) === 'postgres';
  if (postgres) {
    // FOR UPDATE cannot lock a row that does not exist yet, so make it exist (zero levels, no movement).
    const now = isoNow(clock);
    await trx
      .insertInto('stock_levels')
      .values(
        sorted.map((v) => ({
          variant_id: v,
          location_id: locationId,
          on_hand: 0,
          committed: 0,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['variant_id', 'location_id']).doNothing())
      .execute();
  }
  const rows = await trx
    .selectFrom('stock_levels')
    .select(['variant_id', 'on_hand'])
    .where('location_id', '=', locationId)
    .where('variant_id', 'in', sorted)
    // Lock in the same code-unit order recordMovements uses; "C" so no locale collation reorders them.
    .$if(postgres, (qb) => qb.orderBy(sql`variant_id collate "C"`).forUpdate())
    .execute();
  return new Map(rows.map((r) => [r.variant_id, r.on_hand]));
}
