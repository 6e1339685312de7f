import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The catalog's variant shape (CONTRACT VariantView), built here from the rows the query already has. */
export interface LowStockVariant {
  id: string;
  productId: string;
  productName: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  gtin: string | null;
  priceMinor: number;
  costMinor: number | null;
  taxRateBp: number;
  optionValues: string[];
  lowStockThreshold: number | null;
  active: boolean;
}

export interface LowStockRow {
  variant: LowStockVariant;
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
  const onHand = sql<number>`coalesce(s.on_hand, 0)`;
  const committed = sql<number>`coalesce(s.committed, 0)`;
  const availableExpr = sql<number>`coalesce(s.on_hand, 0) - coalesce(s.committed, 0)`;
  const rows = await db
    .selectFrom('product_variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .innerJoin('locations as l', (join) => join.onTrue())
    .leftJoin('stock_levels as s', (join) =>
      join.onRef('s.variant_id', '=', 'v.id').onRef('s.location_id', '=', 'l.id'),
    )
    .select([
      'v.id',
      'v.product_id',
      'p.name as product_name',
      'v.title',
      'v.sku',
      'v.barcode',
      'v.barcode_key',
      'v.price_minor',
      'v.cost_minor',
      'p.tax_rate_bp',
      'v.option_values',
      'v.low_stock_threshold',
      'v.active',
      'l.id as location_id',
      onHand.as('on_hand'),
      committed.as('committed'),
      availableExpr.as('available'),
    ])
    .$if(filter.locationId !== undefined, (qb) => qb.where('l.id', '=', filter.locationId!))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('v.low_stock_threshold', 'is not', null),
          eb('v.active', '=', 1),
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
    variant: {
      id: r.id,
      productId: r.product_id,
      productName: r.product_name,
      title: r.title,
      sku: r.sku,
      barcode: r.barcode,
      gtin: r.barcode_key && !r.barcode_key.startsWith('int:') ? r.barcode_key : null,
      priceMinor: Number(r.price_minor),
      costMinor: r.cost_minor === null ? null : Number(r.cost_minor),
      taxRateBp: r.tax_rate_bp,
      optionValues: JSON.parse(r.option_values) as string[],
      lowStockThreshold: r.low_stock_threshold,
      active: r.active === 1,
    },
    locationId: r.location_id,
    onHand: Number(r.on_hand),
    committed: Number(r.committed),
    available: Number(r.available),
    threshold: r.low_stock_threshold,
  }));
}
