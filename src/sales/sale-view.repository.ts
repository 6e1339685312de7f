import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getShopSettings } from '../settings/settings.repository.ts';
import { type SaleView, toSaleView } from './sale-view.ts';

/** Loads whole sales (lines, payments, returned quantities) for the given ids, in the order given. */
export async function loadSaleViews(db: Kysely<Database>, ids: readonly string[]): Promise<SaleView[]> {
  if (ids.length === 0) return [];
  const [sales, lines, payments, returned, settings] = await Promise.all([
    db
      .selectFrom('sales')
      .innerJoin('staff_members', 'staff_members.id', 'sales.staff_id')
      .selectAll('sales')
      .select('staff_members.display_name as staff_name')
      .where('sales.id', 'in', ids)
      .execute(),
    db.selectFrom('sale_lines').selectAll().where('sale_id', 'in', ids).execute(),
    db.selectFrom('sale_payments').selectAll().where('sale_id', 'in', ids).execute(),
    db
      .selectFrom('return_lines')
      .innerJoin('sale_lines', 'sale_lines.id', 'return_lines.sale_line_id')
      .select('return_lines.sale_line_id')
      .select((eb) => eb.fn.sum<number>('return_lines.quantity').as('quantity'))
      .where('sale_lines.sale_id', 'in', ids)
      .groupBy('return_lines.sale_line_id')
      .execute(),
    getShopSettings(db),
  ]);
  const returnedByLine = new Map(returned.map((r) => [r.sale_line_id, Number(r.quantity)]));
  const shop = { name: settings.shopName, address: settings.address, receiptFooter: settings.receiptFooter };
  const byId = new Map(
    sales.map(({ staff_name, ...sale }) => [
      sale.id,
      toSaleView({
        sale,
        staffName: staff_name,
        lines: lines.filter((l) => l.sale_id === sale.id),
        payments: payments.filter((p) => p.sale_id === sale.id),
        returned: returnedByLine,
        shop,
      }),
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function loadSaleView(db: Kysely<Database>, id: string): Promise<SaleView | undefined> {
  return (await loadSaleViews(db, [id]))[0];
}

export async function findSaleIdByNumber(db: Kysely<Database>, number: number): Promise<string | undefined> {
  const row = await db.selectFrom('sales').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id;
}

/**
 * Sales newest first. `q` is a sale number, a sale id (what a receipt's barcode holds), or text found
 * in a line's description, SKU or barcode. The cursor is the last number of the previous page.
 */
export async function searchSales(
  db: Kysely<Database>,
  options: { q?: string | undefined; limit: number; cursor?: number | undefined },
): Promise<{ items: SaleView[]; nextCursor: string | null }> {
  let query = db.selectFrom('sales').select(['sales.id', 'sales.number']);
  const q = options.q?.trim();
  if (q) {
    if (/^\d{1,15}$/.test(q)) query = query.where('sales.number', '=', Number(q));
    else if (q.startsWith('sale_')) query = query.where('sales.id', '=', q);
    else {
      // LIKE wildcards typed by a person are dropped rather than escaped (SQLite has no default escape).
      const pattern = `%${q.toLowerCase().replace(/[%_]/g, '')}%`;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('sale_lines')
            .select('sale_lines.id')
            .whereRef('sale_lines.sale_id', '=', 'sales.id')
            .where((inner) =>
              inner.or([
                inner(inner.fn('lower', ['sale_lines.description']), 'like', pattern),
                inner(inner.fn('lower', ['sale_lines.sku']), 'like', pattern),
                inner('sale_lines.barcode', 'like', pattern),
              ]),
            ),
        ),
      );
    }
  }
  if (options.cursor !== undefined) query = query.where('sales.number', '<', options.cursor);
  const rows = await query
    .orderBy('sales.number', 'desc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: await loadSaleViews(
      db,
      page.map((r) => r.id),
    ),
    nextCursor: rows.length > options.limit && last ? String(last.number) : null,
  };
}
