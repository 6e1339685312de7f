import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid, notFound } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { requiredText } from '../shared/required-text.ts';
import {
  findProductRow,
  findProductView,
  findVariantView,
  type ProductView,
  parseStringArray,
  type VariantView,
} from './catalog.repository.ts';
import { assertIdentitiesFree, mapUniqueViolation } from './catalog-uniqueness.ts';
import { allocateInStoreBarcodes } from './generate-barcode.service.ts';
import {
  assertDistinctOptions,
  type NewVariantInput,
  type PreparedVariant,
  prepareVariant,
} from './variant-input.ts';

export interface NewProductInput {
  name: string;
  description?: string | null | undefined;
  taxRateBp: number;
  optionNames?: string[] | undefined;
  variants: NewVariantInput[];
}

type Deps = { clock: Clock; newId: IdGenerator };

/** Creates a product and its variants. Run inside a transaction: all of it is written or none. */
export async function createProduct(
  trx: Kysely<Database>,
  deps: Deps,
  input: NewProductInput,
): Promise<ProductView> {
  const optionNames = (input.optionNames ?? []).map((name) => name.trim());
  if (new Set(optionNames).size !== optionNames.length || optionNames.some((n) => n === '')) {
    throw invalid('OPTION_NAMES_INVALID', 'optionNames must be distinct and not blank', 'optionNames');
  }
  if (input.variants.length === 0)
    throw invalid('VARIANTS_REQUIRED', 'a product needs at least one variant', 'variants');
  const variants = input.variants.map((variant, i) => prepareVariant(variant, optionNames, `variants.${i}`));
  assertDistinctOptions(variants);
  const now = isoNow(deps.clock);
  const productId = deps.newId('prd');
  await trx
    .insertInto('products')
    .values({
      id: productId,
      name: requiredText(input.name, 'name'),
      description: input.description ?? null,
      option_names: JSON.stringify(optionNames),
      tax_rate_bp: input.taxRateBp,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertVariants(trx, deps, productId, variants);
  return (await findProductView(trx, productId))!;
}

/** Adds one variant to an existing product. Run inside a transaction. */
export async function addVariant(
  trx: Kysely<Database>,
  deps: Deps,
  productId: string,
  input: NewVariantInput,
): Promise<VariantView> {
  const product = await findProductRow(trx, productId);
  if (!product) throw notFound('PRODUCT_NOT_FOUND', `no product ${productId}`);
  const variant = prepareVariant(input, parseStringArray(product.option_names), '');
  const existing = await trx
    .selectFrom('product_variants')
    .select('title')
    .where('product_id', '=', productId)
    .execute();
  assertDistinctOptions(
    [variant],
    existing.map((row) => row.title),
  );
  const [id] = await insertVariants(trx, deps, productId, [variant]);
  return (await findVariantView(trx, id!))!;
}

/** Checks SKUs and barcodes are free, fills in generated barcodes, and inserts. Returns the new ids. */
export async function insertVariants(
  trx: Kysely<Database>,
  deps: Deps,
  productId: string,
  variants: readonly PreparedVariant[],
): Promise<string[]> {
  const generated = await allocateInStoreBarcodes(trx, variants.filter((v) => v.generateBarcode).length);
  const withBarcodes = variants.map((v) => (v.generateBarcode ? { ...v, barcode: generated.shift()! } : v));
  await assertIdentitiesFree(
    trx,
    withBarcodes.map((v) => ({
      field: v.field,
      sku: v.sku,
      barcode: v.barcode?.barcode ?? null,
      barcodeConflictKeys: v.barcode?.conflictKeys ?? [],
    })),
  );
  const now = isoNow(deps.clock);
  const ids: string[] = [];
  let position = await nextPosition(trx, productId);
  for (const variant of withBarcodes) {
    const id = deps.newId('var');
    try {
      await trx
        .insertInto('product_variants')
        .values({
          id,
          product_id: productId,
          title: variant.title,
          option_values: JSON.stringify(variant.optionValues),
          sku: variant.sku,
          barcode: variant.barcode?.barcode ?? null,
          barcode_key: variant.barcode?.key ?? null,
          price_minor: variant.priceMinor,
          cost_minor: variant.costMinor,
          low_stock_threshold: variant.lowStockThreshold,
          position: position++,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    } catch (error) {
      throw mapUniqueViolation(error, variant.field);
    }
    ids.push(id);
  }
  return ids;
}

async function nextPosition(trx: Kysely<Database>, productId: string): Promise<number> {
  const row = await trx
    .selectFrom('product_variants')
    .select((eb) => eb.fn.max('position').as('highest'))
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row?.highest === null || row?.highest === undefined ? 0 : Number(row.highest) + 1;
}
