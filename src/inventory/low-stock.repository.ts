import { type Kysely, sql } from 'kysely';
import { selectVariantRows, toVariantView, type VariantView } from '../catalog/catalog.repository.ts';
import type { Database } from '../db/schema.ts';

export interface LowStockRow {
  variant: VariantView;
  locationId: string;
  onHand: number;
  committed: number;
  available: number;
  threshold: number | null;
}

/** Enough for a screen; a shop with more low lines than this has a bigger problem than paging. */
export const LOW_STOCK_LIMIT = 1000;

/**
 * What needs attention, per location: active variants whose available is at or below their
 * low_stock_threshold (a variant never stocked at an active location counts as 0 there), and every
 * negative level whatever its threshold — negative stock is allowed (a till never refuses a sale because
 * the books are wrong) but it must be seen. Lowest available first.
 */
export async function listLowStock(
  db: Kysely<Database>,
  filter: { locationId?: string | undefined },
): Promise<LowStockRow[]> {
  const availableExpr = sql<number>`coalesce(s.on_hand, 0) - coalesce(s.committed, 0)`;
  const rows = await selectVariantRows(db)
    .innerJoin('locations as l', (join) => join.onTrue())
    .leftJoin('stock_levels as s', (join) =>
      join.onRef('s.variant_id', '=', 'v.id').onRef('s.location_id', '=', 'l.id'),
    )
    .select([
      'l.id as location_id',
      sql<number>`coalesce(s.on_hand, 0)`.as('on_hand'),
      sql<number>`coalesce(s.committed, 0)`.as('committed'),
      availableExpr.as('available'),
    ])
    .$if(filter.locationId !== undefined, (qb) => qb.where('l.id', '=', filter.locationId!))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('v.low_stock_threshold', 'is not', null),
          eb('v.active', '=', 1),
          eb('p.active', '=', 1),
          eb('l.active', '=', 1),
          eb(availableExpr, '<=', eb.ref('v.low_stock_threshold')),
        ]),
        eb('s.on_hand', '<', 0),
        eb(sql`s.on_hand - s.committed`, '<', 0),
      ]),
    )
    .orderBy(availableExpr)
    .orderBy('v.id')
    .orderBy('l.id')
    .limit(LOW_STOCK_LIMIT)
    .execute();
  return rows.map((r) => ({
    variant: toVariantView(r),
    locationId: r.location_id,
    onHand: Number(r.on_hand),
    committed: Number(r.committed),
    available: Number(r.available),
    threshold: r.low_stock_threshold,
  }));
}
