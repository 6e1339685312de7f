import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { newId } from '../../src/shared/ids.ts';

export interface TestVariantOverrides {
  productName?: string;
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  barcodeKey?: string | null;
  priceMinor?: number;
  costMinor?: number | null;
  taxRateBp?: number;
  lowStockThreshold?: number | null;
  active?: boolean;
}

/**
 * A product with one variant, written straight into the catalog tables so stock tests do not depend
 * on the catalog service. Returns the variant id.
 */
export async function insertTestVariant(
  db: Kysely<Database>,
  overrides: TestVariantOverrides = {},
): Promise<string> {
  const now = new Date().toISOString();
  const productId = newId('prd');
  const variantId = newId('var');
  await db
    .insertInto('products')
    .values({
      id: productId,
      name: overrides.productName ?? `Test product ${variantId.slice(-6)}`,
      description: null,
      option_names: '[]',
      tax_rate_bp: overrides.taxRateBp ?? 2000,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('product_variants')
    .values({
      id: variantId,
      product_id: productId,
      title: overrides.title ?? 'Default',
      option_values: '[]',
      sku: overrides.sku === undefined ? `SKU-${variantId.slice(-10)}` : overrides.sku,
      barcode: overrides.barcode ?? null,
      barcode_key: overrides.barcodeKey ?? null,
      price_minor: overrides.priceMinor ?? 1000,
      cost_minor: overrides.costMinor ?? null,
      low_stock_threshold: overrides.lowStockThreshold ?? null,
      active: overrides.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return variantId;
}
