import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/**
 * The next human number (sale 1042, Z report 17), inside the caller's transaction.
 * PostgreSQL: a sequence, so concurrent checkouts never queue on a row lock (a rolled-back sale leaves
 * a gap). SQLite: a counter row, incremented in the transaction; SQLite runs one write transaction at
 * a time, so the number is gap-free there.
 */
export async function nextNumber(
  trx: Kysely<Database>,
  dialect: Dialect,
  name: 'sale' | 'cash_up',
): Promise<number> {
  if (dialect === 'postgres') {
    const result = await sql<{ n: number }>`select nextval(${`${name}_number_seq`}) as n`.execute(trx);
    return Number(result.rows[0]!.n);
  }
  const row = await trx
    .updateTable('number_counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
