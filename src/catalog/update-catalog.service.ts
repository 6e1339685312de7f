import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { requiredText } from '../shared/required-text.ts';
import { type ResolvedBarcode, resolveBarcodeInput } from './barcode-input.ts';
import {
  findProductView,
  findVariantView,
  type ProductView,
  type VariantView,
} from './catalog.repository.ts';
import type { ProductTable, ProductVariantTable } from './catalog.table.ts';
import { assertIdentitiesFree, mapUniqueViolation } from './catalog-uniqueness.ts';
import { normaliseSku } from './variant-input.ts';

export interface ProductChanges {
  name?: string | undefined;
  description?: string | null | undefined;
  taxRateBp?: number | undefined;
  active?: boolean | undefined;
}

export async function updateProduct(
  trx: Kysely<Database>,
  deps: { clock: Clock },
  id: string,
  changes: ProductChanges,
): Promise<ProductView> {
  const update: Updateable<ProductTable> = {};
  if (changes.name !== undefined) update.name = requiredText(changes.name, 'name');
  if (changes.description !== undefined) update.description = changes.description;
  if (changes.taxRateBp !== undefined) update.tax_rate_bp = changes.taxRateBp;
  if (changes.active !== undefined) update.active = changes.active ? 1 : 0;
  update.updated_at = isoNow(deps.clock);
  const result = await trx.updateTable('products').set(update).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('PRODUCT_NOT_FOUND', `no product ${id}`);
  return (await findProductView(trx, id))!;
}

export interface VariantChanges {
  sku?: string | null | undefined;
  barcode?: string | null | undefined;
  internalBarcode?: boolean | undefined;
  priceMinor?: number | undefined;
  costMinor?: number | null | undefined;
  lowStockThreshold?: number | null | undefined;
  active?: boolean | undefined;
}

export async function updateVariant(
  trx: Kysely<Database>,
  deps: { clock: Clock },
  id: string,
  changes: VariantChanges,
): Promise<VariantView> {
  const current = await findVariantView(trx, id);
  if (!current) throw notFound('VARIANT_NOT_FOUND', `no variant ${id}`);
  const update: Updateable<ProductVariantTable> = {};
  const sku = changes.sku === undefined ? undefined : normaliseSku(changes.sku);
  // internalBarcode alone re-reads the barcode the item already has.
  const rawBarcode =
    changes.barcode !== undefined
      ? changes.barcode
      : changes.internalBarcode !== undefined
        ? current.barcode
        : undefined;
  let barcode: ResolvedBarcode | null | undefined;
  if (rawBarcode !== undefined) {
    barcode =
      rawBarcode === null || rawBarcode.trim() === ''
        ? null
        : resolveBarcodeInput(rawBarcode, changes.internalBarcode ?? false, 'barcode');
  }
  await assertIdentitiesFree(trx, [
    {
      field: '',
      variantId: id,
      sku: sku ?? null,
      barcode: barcode?.barcode ?? null,
      barcodeConflictKeys: barcode?.conflictKeys ?? [],
    },
  ]);
  if (sku !== undefined) update.sku = sku;
  if (barcode !== undefined) {
    update.barcode = barcode?.barcode ?? null;
    update.barcode_key = barcode?.key ?? null;
  }
  if (changes.priceMinor !== undefined) update.price_minor = changes.priceMinor;
  if (changes.costMinor !== undefined) update.cost_minor = changes.costMinor;
  if (changes.lowStockThreshold !== undefined) update.low_stock_threshold = changes.lowStockThreshold;
  if (changes.active !== undefined) update.active = changes.active ? 1 : 0;
  update.updated_at = isoNow(deps.clock);
  try {
    await trx.updateTable('product_variants').set(update).where('id', '=', id).execute();
  } catch (error) {
    throw mapUniqueViolation(error, '');
  }
  return (await findVariantView(trx, id))!;
}
