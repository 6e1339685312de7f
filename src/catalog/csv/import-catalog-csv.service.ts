import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../shared/app-error.ts';
import { type Clock, isoNow } from '../../shared/clock.ts';
import type { IdGenerator } from '../../shared/ids.ts';
import type { ProductVariantTable } from '../catalog.table.ts';
import { mapUniqueViolation } from '../catalog-uniqueness.ts';
import { type ImportPlan, planCatalogImport } from './plan-catalog-import.ts';
import { readCatalogCsv } from './read-catalog-csv.ts';

export interface ImportResult {
  created: number;
  updated: number;
  /** Rows that matched an item and changed nothing on it (nothing written for them). */
  unchanged: number;
}

const INSERT_BATCH = 200;

/**
 * Imports a catalogue CSV: create-or-update keyed by SKU. Every row is checked before anything is
 * written; one bad row refuses the whole file with a report of every bad row (400 CSV_INVALID).
 * Run inside ONE transaction, so a failure half-way (a race on a unique index) also leaves nothing.
 */
export async function importCatalogCsv(
  trx: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  text: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportResult> {
  const { rows, errors } = readCatalogCsv(text);
  const plan = await planCatalogImport(trx, rows, errors);
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw invalid(
      'CSV_INVALID',
      `${new Set(errors.map((e) => e.row)).size} row(s) have errors; nothing was imported`,
      undefined,
      { rows: errors },
    );
  }
  const total = plan.variantUpdates.length + plan.newVariants.length;
  let done = 0;
  const now = isoNow(deps.clock);

  const productIds = new Map<string, string>();
  for (let i = 0; i < plan.newProducts.length; i += INSERT_BATCH) {
    const batch = plan.newProducts.slice(i, i + INSERT_BATCH).map((product) => {
      const id = deps.newId('prd');
      productIds.set(product.key, id);
      return {
        id,
        name: product.name,
        description: null,
        option_names: JSON.stringify(product.optionNames),
        tax_rate_bp: product.taxRateBp,
        active: 1,
        created_at: now,
        updated_at: now,
      };
    });
    await trx.insertInto('products').values(batch).execute();
  }
  for (const update of plan.productUpdates) {
    await trx
      .updateTable('products')
      .set({ name: update.name, tax_rate_bp: update.taxRateBp, updated_at: now })
      .where('id', '=', update.productId)
      .execute();
  }

  for (const { variantId, row } of plan.variantUpdates) {
    try {
      await trx
        .updateTable('product_variants')
        .set({
          title: row.title,
          option_values: JSON.stringify(row.optionValues),
          barcode: row.barcode?.barcode ?? null,
          barcode_key: row.barcode?.key ?? null,
          price_minor: row.priceMinor,
          cost_minor: row.costMinor,
          low_stock_threshold: row.lowStockThreshold,
          updated_at: now,
        })
        .where('id', '=', variantId)
        .execute();
    } catch (error) {
      throw mapUniqueViolation(error, '');
    }
    onProgress(++done, total);
  }

  const positions = new Map(plan.nextPositions);
  const toInsert = ({
    productRef,
    row,
  }: ImportPlan['newVariants'][number]): Insertable<ProductVariantTable> => {
    const productId = productIds.get(productRef) ?? productRef;
    const position = positions.get(productId) ?? 0;
    positions.set(productId, position + 1);
    return {
      id: deps.newId('var'),
      product_id: productId,
      title: row.title,
      option_values: JSON.stringify(row.optionValues),
      sku: row.sku,
      barcode: row.barcode?.barcode ?? null,
      barcode_key: row.barcode?.key ?? null,
      price_minor: row.priceMinor,
      cost_minor: row.costMinor,
      low_stock_threshold: row.lowStockThreshold,
      position,
      active: 1,
      created_at: now,
      updated_at: now,
    };
  };
  // Rows are built batch by batch: a 100k-row file never holds two copies of itself in memory.
  for (let i = 0; i < plan.newVariants.length; i += INSERT_BATCH) {
    const batch = plan.newVariants.slice(i, i + INSERT_BATCH).map(toInsert);
    try {
      await trx.insertInto('product_variants').values(batch).execute();
    } catch (error) {
      throw mapUniqueViolation(error, '');
    }
    done += batch.length;
    onProgress(done, total);
  }
  return { created: plan.newVariants.length, updated: plan.variantUpdates.length, unchanged: plan.unchanged };
}
