import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('option_names', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tax_rate_bp', 'integer', (c) =>
      c.notNull().check(sql`tax_rate_bp >= 0 and tax_rate_bp <= 10000`),
    )
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_name').on('products').column('name').execute();

  await db.schema
    .createTable('product_variants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('option_values', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sku', 'text', (c) => c.unique())
    .addColumn('barcode', 'text')
    .addColumn('barcode_key', 'text', (c) => c.unique())
    .addColumn('price_minor', 'bigint', (c) => c.notNull().check(sql`price_minor >= 0`))
    .addColumn('cost_minor', 'bigint', (c) => c.check(sql`cost_minor >= 0`))
    .addColumn('low_stock_threshold', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('product_variants_product')
    .on('product_variants')
    .column('product_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('product_variants').execute();
  await db.schema.dropTable('products').execute();
}
