import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../db/portable-sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sales')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('prices_include_tax', 'integer', (c) => c.notNull())
    .addColumn('cart_discount', 'text')
    .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c) => c.notNull().check(sql`discount_minor >= 0`))
    .addColumn('tax_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull().check(sql`total_minor >= 0`))
    .addColumn('change_minor', 'bigint', (c) => c.notNull().check(sql`change_minor >= 0`))
    .addColumn('has_misc', 'integer', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sales_register_created')
    .on('sales')
    .columns(['register_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('sales_staff_created')
    .on('sales')
    .columns(['staff_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('sale_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.references('product_variants.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('barcode', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull().check(sql`unit_price_minor >= 0`))
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('discount', 'text')
    .addColumn('gross_minor', 'bigint', (c) => c.notNull())
    .addColumn('line_discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('cart_discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('net_minor', 'bigint', (c) => c.notNull())
    .addColumn('tax_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('misc', 'integer', (c) => c.notNull())
    // A line is either a product line or a misc line, never both or neither.
    .addCheckConstraint('sale_lines_product_or_misc', sql`(variant_id is null) = (misc = 1)`)
    .execute();
  await db.schema.createIndex('sale_lines_sale').on('sale_lines').columns(['sale_id', 'position']).execute();

  await db.schema
    .createTable('sale_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('cash', 'card')`))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
    .execute();
  await db.schema.createIndex('sale_payments_sale').on('sale_payments').column('sale_id').execute();

  if (dialectOf(db) === 'postgres') {
    // A sequence hands out numbers without a row lock, so concurrent checkouts do not queue on a
    // counter row; a rolled-back sale leaves a gap, which the sale history tolerates.
    await sql`create sequence sale_number_seq start 1001`.execute(db);
    await sql`create sequence cash_up_number_seq start 1`.execute(db);
  }
  await db.schema
    .createTable('number_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('number_counters')
    .values([
      { name: 'sale', value: 1000 },
      { name: 'cash_up', value: 0 },
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['number_counters', 'sale_payments', 'sale_lines', 'sales']) {
    await db.schema.dropTable(table).execute();
  }
  if (dialectOf(db) === 'postgres') {
    await sql`drop sequence sale_number_seq`.execute(db);
    await sql`drop sequence cash_up_number_seq`.execute(db);
  }
}
