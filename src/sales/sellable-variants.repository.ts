import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What the till needs of a catalog item to sell it: the catalog's price and tax rate. */
export interface SellableVariant {
  id: string;
  description: string;
  sku: string | null;
  barcode: string | null;
  priceMinor: number;
  taxRateBp: number;
}

/** Active variants of active products among `ids`; unknown or inactive ones are simply absent. */
export async function loadSellableVariants(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, SellableVariant>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('product_variants')
    .innerJoin('products', 'products.id', 'product_variants.product_id')
    .select([
      'product_variants.id',
      'product_variants.title',
      'product_variants.sku',
      'product_variants.barcode',
      'product_variants.price_minor',
      'products.name',
      'products.tax_rate_bp',
    ])
    .where('product_variants.id', 'in', [...new Set(ids)])
    .where('product_variants.active', '=', 1)
    .where('products.active', '=', 1)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        description: r.title === 'Default' || r.title === '' ? r.name : `${r.name} – ${r.title}`,
        sku: r.sku,
        barcode: r.barcode,
        priceMinor: Number(r.price_minor),
        taxRateBp: r.tax_rate_bp,
      },
    ]),
  );
}
