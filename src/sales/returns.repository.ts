import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A recorded return (CONTRACT.md ReturnView). */
export interface ReturnView {
  id: string;
  saleId: string;
  saleNumber: number;
  staffId: string;
  createdAt: string;
  lines: Array<{
    id: string;
    saleLineId: string;
    description: string;
    quantity: number;
    restock: boolean;
    refundMinor: number;
  }>;
  refundMinor: number;
  refunds: Array<{ method: 'cash' | 'card'; amountMinor: number }>;
}

export async function loadReturnView(db: Kysely<Database>, id: string): Promise<ReturnView | undefined> {
  const header = await db
    .selectFrom('sale_returns')
    .innerJoin('sales', 'sales.id', 'sale_returns.sale_id')
    .selectAll('sale_returns')
    .select('sales.number')
    .where('sale_returns.id', '=', id)
    .executeTakeFirst();
  if (!header) return undefined;
  const [lines, refunds] = await Promise.all([
    db
      .selectFrom('return_lines')
      .innerJoin('sale_lines', 'sale_lines.id', 'return_lines.sale_line_id')
      .select([
        'return_lines.id',
        'return_lines.sale_line_id',
        'return_lines.quantity',
        'return_lines.restock',
        'return_lines.refund_minor',
        'sale_lines.description',
        'sale_lines.position',
      ])
      .where('return_lines.return_id', '=', id)
      .orderBy('sale_lines.position')
      .execute(),
    db
      .selectFrom('return_refunds')
      .selectAll()
      .where('return_id', '=', id)
      .orderBy('method', 'desc')
      .execute(),
  ]);
  return {
    id: header.id,
    saleId: header.sale_id,
    saleNumber: Number(header.number),
    staffId: header.staff_id,
    createdAt: header.created_at,
    lines: lines.map((l) => ({
      id: l.id,
      saleLineId: l.sale_line_id,
      description: l.description,
      quantity: l.quantity,
      restock: l.restock === 1,
      refundMinor: Number(l.refund_minor),
    })),
    refundMinor: Number(header.refund_minor),
    // Card first, as the refund is planned (core/return-plan.ts).
    refunds: refunds
      .map((r) => ({ method: r.method, amountMinor: Number(r.amount_minor) }))
      .sort((a, b) => (a.method === b.method ? 0 : a.method === 'card' ? -1 : 1)),
  };
}

/** What a return needs to know of the sale: its lines with what came back so far, and card money. */
export async function loadReturnableSale(trx: Kysely<Database>, saleId: string) {
  const sale = await trx
    .selectFrom('sales')
    .select(['id', 'location_id'])
    .where('id', '=', saleId)
    .executeTakeFirst();
  if (!sale) return undefined;
  const [lines, returned, cardPaid, cardRefunded] = await Promise.all([
    trx
      .selectFrom('sale_lines')
      .select(['id', 'variant_id', 'quantity', 'total_minor', 'misc'])
      .where('sale_id', '=', saleId)
      .execute(),
    trx
      .selectFrom('return_lines')
      .innerJoin('sale_returns', 'sale_returns.id', 'return_lines.return_id')
      .select('return_lines.sale_line_id')
      .select((eb) => eb.fn.sum<number>('return_lines.quantity').as('quantity'))
      .where('sale_returns.sale_id', '=', saleId)
      .groupBy('return_lines.sale_line_id')
      .execute(),
    trx
      .selectFrom('sale_payments')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('n'))
      .where('sale_id', '=', saleId)
      .where('method', '=', 'card')
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('return_refunds')
      .innerJoin('sale_returns', 'sale_returns.id', 'return_refunds.return_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('return_refunds.amount_minor'), eb.lit(0)).as('n'))
      .where('sale_returns.sale_id', '=', saleId)
      .where('return_refunds.method', '=', 'card')
      .executeTakeFirstOrThrow(),
  ]);
  const returnedByLine = new Map(returned.map((r) => [r.sale_line_id, Number(r.quantity)]));
  return {
    id: sale.id,
    locationId: sale.location_id,
    lines: lines.map((l) => ({
      id: l.id,
      variantId: l.variant_id,
      quantity: l.quantity,
      totalMinor: Number(l.total_minor),
      misc: l.misc === 1,
      returnedQuantity: returnedByLine.get(l.id) ?? 0,
    })),
    cardPaidMinor: Number(cardPaid.n),
    cardRefundedMinor: Number(cardRefunded.n),
  };
}
