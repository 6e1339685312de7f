import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A level as the API shows it; available is computed here, never stored (DESIGN §2). */
export interface LevelView {
  variantId: string;
  locationId: string;
  onHand: number;
  committed: number;
  available: number;
}

export async function listLevels(
  db: Kysely<Database>,
  filter: { variantId?: string | undefined; locationId?: string | undefined },
): Promise<LevelView[]> {
  const rows = await db
    .selectFrom('stock_levels')
    .select(['variant_id', 'location_id', 'on_hand', 'committed'])
    .$if(filter.variantId !== undefined, (qb) => qb.where('variant_id', '=', filter.variantId!))
    .$if(filter.locationId !== undefined, (qb) => qb.where('location_id', '=', filter.locationId!))
    .orderBy('variant_id')
    .orderBy('location_id')
    .execute();
  return rows.map((r) => ({
    variantId: r.variant_id,
    locationId: r.location_id,
    onHand: r.on_hand,
    committed: r.committed,
    available: r.on_hand - r.committed,
  }));
}
