import type { CompiledQuery, Kysely } from 'kysely';
import { INTERNAL_KEY_PREFIX } from '../core/gtin.ts';
import type { Database } from '../db/schema.ts';

/** A sellable item as the till, the back office and the other domains see it. */
export interface VariantView {
  id: string;
  productId: string;
  productName: string;
  title: string;
  sku: string | null;
  /** As printed on the item. */
  barcode: string | null;
  /** The GTIN-14 the barcode normalises to; null for an internal code or no barcode. */
  gtin: string | null;
  priceMinor: number;
  costMinor: number | null;
  taxRateBp: number;
  optionValues: string[];
  lowStockThreshold: number | null;
  /** False when the variant or its product is switched off: it should not be sold. */
  active: boolean;
}

export interface ProductView {
  id: string;
  name: string;
  description: string | null;
  taxRateBp: number;
  optionNames: string[];
  active: boolean;
  variants: VariantView[];
}

/** The columns every variant query selects: the variant and the product fields its view needs. */
export function selectVariantRows(db: Kysely<Database>) {
  return db
    .selectFrom('product_variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select([
      'v.id',
      'v.product_id',
      'v.title',
      'v.option_values',
      'v.sku',
      'v.barcode',
      'v.barcode_key',
      'v.price_minor',
      'v.cost_minor',
      'v.low_stock_threshold',
      'v.active',
      'p.name as product_name',
      'p.tax_rate_bp',
      'p.active as product_active',
    ]);
}

export type VariantRow = Awaited<ReturnType<ReturnType<typeof selectVariantRows>['executeTakeFirstOrThrow']>>;

/** The one place a variant row becomes a VariantView. */
export function toVariantView(row: VariantRow): VariantView {
  const key = row.barcode_key;
  return {
    id: row.id,
    productId: row.product_id,
    productName: row.product_name,
    title: row.title,
    sku: row.sku,
    barcode: row.barcode,
    gtin: key !== null && !key.startsWith(INTERNAL_KEY_PREFIX) ? key : null,
    priceMinor: Number(row.price_minor),
    costMinor: row.cost_minor === null ? null : Number(row.cost_minor),
    taxRateBp: row.tax_rate_bp,
    optionValues: parseStringArray(row.option_values),
    lowStockThreshold: row.low_stock_threshold,
    active: row.active === 1 && row.product_active === 1,
  };
}

export function parseStringArray(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

export async function findVariantView(db: Kysely<Database>, id: string): Promise<VariantView | undefined> {
  const row = await selectVariantRows(db).where('v.id', '=', id).executeTakeFirst();
  return row && toVariantView(row);
}

export async function findVariantViews(db: Kysely<Database>, ids: readonly string[]): Promise<VariantView[]> {
  if (ids.length === 0) return [];
  const rows = await selectVariantRows(db).where('v.id', 'in', ids).execute();
  const byId = new Map(rows.map((row) => [row.id, toVariantView(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The till's hot path: one indexed query on barcode_key (unique index). `keys` come from
 * lookupKeysFor, GTIN first; should a GTIN and an internal code both match, the GTIN wins.
 * The SQL is built and compiled once per database handle and key count, then reused with new
 * parameters: building it per scan cost more CPU than the indexed read itself.
 */
export async function findVariantByBarcodeKeys(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<VariantView | undefined> {
  if (keys.length === 0) return undefined;
  const { rows } = await db.executeQuery<VariantRow>({
    ...compiledBarcodeLookup(db, keys.length),
    parameters: keys,
  });
  const best =
    rows.length > 1
      ? [...rows].sort((a, b) => keys.indexOf(a.barcode_key!) - keys.indexOf(b.barcode_key!))[0]
      : rows[0];
  return best && toVariantView(best);
}

const compiledLookups = new WeakMap<Kysely<Database>, Map<number, CompiledQuery<VariantRow>>>();

export function compiledBarcodeLookup(db: Kysely<Database>, keyCount: number): CompiledQuery<VariantRow> {
  let byCount = compiledLookups.get(db);
  if (!byCount) {
    byCount = new Map();
    compiledLookups.set(db, byCount);
  }
  let compiled = byCount.get(keyCount);
  if (!compiled) {
    const placeholders = Array.from({ length: keyCount }, (_, i) => `key${i}`);
    compiled = selectVariantRows(db).where('v.barcode_key', 'in', placeholders).compile();
    byCount.set(keyCount, compiled);
  }
  return compiled;
}

export async function findProductRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProductView(db: Kysely<Database>, id: string): Promise<ProductView | undefined> {
  const product = await findProductRow(db, id);
  if (!product) return undefined;
  const [view] = await attachVariants(db, [product]);
  return view;
}

type ProductRow = NonNullable<Awaited<ReturnType<typeof findProductRow>>>;

/** Products with their variants, in two queries whatever the number of products. */
export async function attachVariants(db: Kysely<Database>, products: ProductRow[]): Promise<ProductView[]> {
  if (products.length === 0) return [];
  const rows = await selectVariantRows(db)
    .where(
      'v.product_id',
      'in',
      products.map((p) => p.id),
    )
    .orderBy('v.position')
    .orderBy('v.id')
    .execute();
  const byProduct = new Map<string, VariantView[]>();
  for (const row of rows) {
    const list = byProduct.get(row.product_id) ?? [];
    list.push(toVariantView(row));
    byProduct.set(row.product_id, list);
  }
  return products.map((product) => ({
    id: product.id,
    name: product.name,
    description: product.description,
    taxRateBp: product.tax_rate_bp,
    optionNames: parseStringArray(product.option_names),
    active: product.active === 1,
    variants: byProduct.get(product.id) ?? [],
  }));
}

/** Who already holds a SKU or a barcode key, so a conflict message can name them. */
export async function findHolders(
  db: Kysely<Database>,
  by: { skus: readonly string[]; barcodeKeys: readonly string[] },
): Promise<VariantView[]> {
  if (by.skus.length === 0 && by.barcodeKeys.length === 0) return [];
  const rows = await selectVariantRows(db)
    .where((eb) => {
      const ors = [];
      if (by.skus.length > 0) ors.push(eb('v.sku', 'in', by.skus));
      if (by.barcodeKeys.length > 0) ors.push(eb('v.barcode_key', 'in', by.barcodeKeys));
      return eb.or(ors);
    })
    .execute();
  return rows.map(toVariantView);
}

export function describeVariant(view: VariantView): string {
  const title = view.title === DEFAULT_VARIANT_TITLE ? '' : ` — ${view.title}`;
  return `"${view.productName}${title}" (${view.id})`;
}

export const DEFAULT_VARIANT_TITLE = 'Default';

export function variantTitle(optionValues: readonly string[]): string {
  return optionValues.length === 0 ? DEFAULT_VARIANT_TITLE : optionValues.join(' / ');
}
