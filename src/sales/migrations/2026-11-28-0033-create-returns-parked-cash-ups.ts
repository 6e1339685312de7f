import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sale_returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('refund_minor', 'bigint', (c) => c.notNull().check(sql`refund_minor >= 0`))
    .addColumn('approved_by', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sale_returns_sale').on('sale_returns').column('sale_id').execute();
  await db.schema.createIndex('sale_returns_created').on('sale_returns').column('created_at').execute();

  await db.schema
    .createTable('return_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('return_id', 'text', (c) => c.notNull().references('sale_returns.id'))
    .addColumn('sale_line_id', 'text', (c) => c.notNull().references('sale_lines.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('restock', 'integer', (c) => c.notNull())
    .addColumn('refund_minor', 'bigint', (c) => c.notNull().check(sql`refund_minor >= 0`))
    .execute();
  await db.schema.createIndex('return_lines_sale_line').on('return_lines').column('sale_line_id').execute();
  await db.schema.createIndex('return_lines_return').on('return_lines').column('return_id').execute();

  await db.schema
    .createTable('return_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('return_id', 'text', (c) => c.notNull().references('sale_returns.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('cash', 'card')`))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
    .execute();
  await db.schema.createIndex('return_refunds_return').on('return_refunds').column('return_id').execute();

  await db.schema
    .createTable('parked_carts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('label', 'text')
    .addColumn('cart', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cash_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('since', 'text')
    .addColumn('opening_float_minor', 'bigint', (c) => c.notNull())
    .addColumn('cash_takings_minor', 'bigint', (c) => c.notNull())
    .addColumn('card_takings_minor', 'bigint', (c) => c.notNull())
    .addColumn('cash_refunds_minor', 'bigint', (c) => c.notNull())
    .addColumn('card_refunds_minor', 'bigint', (c) => c.notNull())
    .addColumn('expected_cash_minor', 'bigint', (c) => c.notNull())
    .addColumn('counted_cash_minor', 'bigint', (c) => c.notNull())
    .addColumn('difference_minor', 'bigint', (c) => c.notNull())
    .addColumn('sales_count', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cash_ups_register_created')
    .on('cash_ups')
    .columns(['register_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['cash_ups', 'parked_carts', 'return_refunds', 'return_lines', 'sale_returns']) {
    await db.schema.dropTable(table).execute();
  }
}
