import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A level row that disagrees with the sum of its movements. */
export interface LevelDifference {
  variantId: string;
  locationId: string;
  level: { onHand: number; committed: number };
  ledger: { onHand: number; committed: number };
}

/**
 * The rebuild-and-compare check (STYLE §5): recomputes every level from the ledger (SUM of deltas per
 * variant and location) and returns where the materialised projection disagrees. Empty means
 * consistent. A missing level row counts as zero, so a zero row without movements (a count inserts
 * one to lock it) is not a difference. Run it in tests after every scenario, and as an operator check.
 */
export async function verifyLevelsAgainstLedger(db: Kysely<Database>): Promise<LevelDifference[]> {
  const sums = await db
    .selectFrom('stock_movements')
    .select((eb) => [
      'variant_id',
      'location_id',
      eb.fn.sum<number>('on_hand_delta').as('on_hand'),
      eb.fn.sum<number>('committed_delta').as('committed'),
    ])
    .groupBy(['variant_id', 'location_id'])
    .execute();
  const levels = await db
    .selectFrom('stock_levels')
    .select(['variant_id', 'location_id', 'on_hand', 'committed'])
    .execute();

  const key = (v: string, l: string) => `${v}\u0000${l}`;
  const pairs = new Map<string, LevelDifference>();
  const entry = (variantId: string, locationId: string) => {
    const k = key(variantId, locationId);
    let found = pairs.get(k);
    if (!found) {
      found = {
        variantId,
        locationId,
        level: { onHand: 0, committed: 0 },
        ledger: { onHand: 0, committed: 0 },
      };
      pairs.set(k, found);
    }
    return found;
  };
  // PostgreSQL returns SUM(integer) as bigint, which the pg driver may hand over as a string.
  for (const s of sums) {
    entry(s.variant_id, s.location_id).ledger = { onHand: Number(s.on_hand), committed: Number(s.committed) };
  }
  for (const l of levels) {
    entry(l.variant_id, l.location_id).level = { onHand: l.on_hand, committed: l.committed };
  }
  return [...pairs.values()].filter(
    (d) => d.level.onHand !== d.ledger.onHand || d.level.committed !== d.ledger.committed,
  );
}
