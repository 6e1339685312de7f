import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseStringArray, selectVariantRows, toVariantView } from '../catalog.repository.ts';
import { type CatalogCsvColumn, toCsvRecord } from './catalog-csv-format.ts';

const PRODUCTS_PER_PAGE = 500;

/**
 * Every variant as a CSV record, product by product in the shop's variant order. Reads a page of
 * products by primary key, then their variants by the product_id index, so a 100k catalogue is
 * never in memory at once and no page costs a sort of the whole table.
 */
export async function* exportCatalogRecords(
  db: Kysely<Database>,
): AsyncGenerator<Record<CatalogCsvColumn, string>> {
  let after: string | undefined;
  for (;;) {
    let page = db
      .selectFrom('products')
      .select(['id', 'option_names'])
      .orderBy('id')
      .limit(PRODUCTS_PER_PAGE);
    if (after !== undefined) page = page.where('id', '>', after);
    const products = await page.execute();
    if (products.length === 0) return;
    const optionNames = new Map(products.map((p) => [p.id, parseStringArray(p.option_names)]));
    const rows = await selectVariantRows(db)
      .where(
        'v.product_id',
        'in',
        products.map((p) => p.id),
      )
      .orderBy('v.product_id')
      .orderBy('v.position')
      .orderBy('v.id')
      .execute();
    for (const row of rows) yield toCsvRecord(toVariantView(row), optionNames.get(row.product_id) ?? []);
    after = products.at(-1)!.id;
  }
}

export async function countVariants(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('product_variants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
