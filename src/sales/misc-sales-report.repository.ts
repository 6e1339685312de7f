import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Misc lines per staff member and day (UTC), because misc sales make stock drift: the owner sees who
 * rings them up and how often. Days are `YYYY-MM-DD`; `from` and `to` are inclusive.
 */
export interface MiscSalesRow {
  day: string;
  staffId: string;
  staffName: string;
  salesCount: number;
  lineCount: number;
  amountMinor: number;
}

export async function miscSalesByStaffAndDay(
  db: Kysely<Database>,
  range: { from: string; to: string },
): Promise<MiscSalesRow[]> {
  const day = sql<string>`substr(sales.created_at, 1, 10)`;
  const rows = await db
    .selectFrom('sale_lines')
    .innerJoin('sales', 'sales.id', 'sale_lines.sale_id')
    .innerJoin('staff_members', 'staff_members.id', 'sales.staff_id')
    .select([day.as('day'), 'sales.staff_id', 'staff_members.display_name'])
    .select((eb) => [
      eb.fn.count<number>('sales.id').distinct().as('sales_count'),
      eb.fn.countAll<number>().as('line_count'),
      eb.fn.sum<number>('sale_lines.total_minor').as('amount'),
    ])
    .where('sale_lines.misc', '=', 1)
    .where('sales.created_at', '>=', range.from)
    .where('sales.created_at', '<', nextDay(range.to))
    .groupBy([day, 'sales.staff_id', 'staff_members.display_name'])
    .orderBy('day')
    .orderBy('staff_members.display_name')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    staffId: r.staff_id,
    staffName: r.display_name,
    salesCount: Number(r.sales_count),
    lineCount: Number(r.line_count),
    amountMinor: Number(r.amount),
  }));
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
