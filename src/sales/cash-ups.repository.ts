import type { Kysely } from 'kysely';
import { cashUpFigures } from '../core/cash-up.ts';
import type { Database } from '../db/schema.ts';

/**
 * What a register took since its last cash-up. A period is (since, until] on the records' created_at:
 * sales made at the register, and refunds of returns of those register's sales (a refund is counted
 * at the till where the sale was made, where its cash went in).
 */
export interface CashUpPreview {
  registerId: string;
  since: string | null;
  until: string;
  takingsByMethod: { cash: number; card: number };
  refundsByMethod: { cash: number; card: number };
  openingFloatMinor: number;
  expectedCashMinor: number;
  salesCount: number;
}

export async function lastCashUpAt(db: Kysely<Database>, registerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('cash_ups')
    .select('created_at')
    .where('register_id', '=', registerId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

export async function previewCashUp(
  db: Kysely<Database>,
  input: { registerId: string; until: string; openingFloatMinor: number },
): Promise<CashUpPreview> {
  const since = await lastCashUpAt(db, input.registerId);
  let salesQuery = db
    .selectFrom('sales')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('change_minor'), eb.lit(0)).as('change'),
    ])
    .where('register_id', '=', input.registerId)
    .where('created_at', '<=', input.until);
  let paymentsQuery = db
    .selectFrom('sale_payments')
    .innerJoin('sales', 'sales.id', 'sale_payments.sale_id')
    .select('sale_payments.method')
    .select((eb) => eb.fn.sum<number>('sale_payments.amount_minor').as('amount'))
    .where('sales.register_id', '=', input.registerId)
    .where('sales.created_at', '<=', input.until)
    .groupBy('sale_payments.method');
  let refundsQuery = db
    .selectFrom('return_refunds')
    .innerJoin('sale_returns', 'sale_returns.id', 'return_refunds.return_id')
    .innerJoin('sales', 'sales.id', 'sale_returns.sale_id')
    .select('return_refunds.method')
    .select((eb) => eb.fn.sum<number>('return_refunds.amount_minor').as('amount'))
    .where('sales.register_id', '=', input.registerId)
    .where('sale_returns.created_at', '<=', input.until)
    .groupBy('return_refunds.method');
  if (since) {
    salesQuery = salesQuery.where('created_at', '>', since);
    paymentsQuery = paymentsQuery.where('sales.created_at', '>', since);
    refundsQuery = refundsQuery.where('sale_returns.created_at', '>', since);
  }
  const [sales, payments, refunds] = await Promise.all([
    salesQuery.executeTakeFirstOrThrow(),
    paymentsQuery.execute(),
    refundsQuery.execute(),
  ]);
  const paid = (method: 'cash' | 'card') => Number(payments.find((p) => p.method === method)?.amount ?? 0);
  const refunded = (method: 'cash' | 'card') => Number(refunds.find((r) => r.method === method)?.amount ?? 0);
  const takingsByMethod = { cash: paid('cash') - Number(sales.change), card: paid('card') };
  const refundsByMethod = { cash: refunded('cash'), card: refunded('card') };
  const { expectedCashMinor } = cashUpFigures({
    openingFloatMinor: input.openingFloatMinor,
    cashTakingsMinor: takingsByMethod.cash,
    cashRefundsMinor: refundsByMethod.cash,
    countedCashMinor: 0,
  });
  return {
    registerId: input.registerId,
    since,
    until: input.until,
    takingsByMethod,
    refundsByMethod,
    openingFloatMinor: input.openingFloatMinor,
    expectedCashMinor,
    salesCount: Number(sales.count),
  };
}

export interface CashUpView extends CashUpPreview {
  id: string;
  number: number;
  countedCashMinor: number;
  differenceMinor: number;
  staffId: string;
  staffName: string;
  note: string | null;
  createdAt: string;
}

export async function loadCashUpView(db: Kysely<Database>, id: string): Promise<CashUpView | undefined> {
  const row = await db
    .selectFrom('cash_ups')
    .innerJoin('staff_members', 'staff_members.id', 'cash_ups.staff_id')
    .selectAll('cash_ups')
    .select('staff_members.display_name')
    .where('cash_ups.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    number: Number(row.number),
    registerId: row.register_id,
    since: row.since,
    until: row.created_at,
    takingsByMethod: { cash: Number(row.cash_takings_minor), card: Number(row.card_takings_minor) },
    refundsByMethod: { cash: Number(row.cash_refunds_minor), card: Number(row.card_refunds_minor) },
    openingFloatMinor: Number(row.opening_float_minor),
    expectedCashMinor: Number(row.expected_cash_minor),
    countedCashMinor: Number(row.counted_cash_minor),
    differenceMinor: Number(row.difference_minor),
    salesCount: row.sales_count,
    staffId: row.staff_id,
    staffName: row.display_name,
    note: row.note,
    createdAt: row.created_at,
  };
}
