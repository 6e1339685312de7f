import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseStringArray, selectVariantRows, toVariantView } from '../catalog.repository.ts';
import { type CatalogCsvColumn, toCsvRecord } from './catalog-csv-format.ts';

const PAGE = 1000;

/**
 * Every variant as a CSV record, product by product in the shop's variant order, read in pages
 * (keyset on product id, position, variant id) so a 100k catalogue never sits in memory at once.
 */
export async function* exportCatalogRecords(
  db: Kysely<Database>,
): AsyncGenerator<Record<CatalogCsvColumn, string>> {
  let after: { productId: string; position: number; id: string } | undefined;
  for (;;) {
    let query = selectVariantRows(db).select(['p.option_names', 'v.position']);
    if (after) {
      const a = after;
      query = query.where((eb) =>
        eb.or([
          eb('p.id', '>', a.productId),
          eb.and([
            eb('p.id', '=', a.productId),
            eb.or([
              eb('v.position', '>', a.position),
              eb.and([eb('v.position', '=', a.position), eb('v.id', '>', a.id)]),
            ]),
          ]),
        ]),
      );
    }
    const rows = await query.orderBy('p.id').orderBy('v.position').orderBy('v.id').limit(PAGE).execute();
    for (const row of rows) yield toCsvRecord(toVariantView(row), parseStringArray(row.option_names));
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = { productId: last.product_id, position: Number(last.position), id: last.id };
  }
}

export async function countVariants(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('product_variants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
