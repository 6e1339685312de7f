import { type Kysely, sql } from 'kysely';

const POLICY_CHECK = (column: string) => sql.raw(`${column} in ('off', 'on', 'manager_pin')`);

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('shop_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('prices_include_tax', 'integer', (c) => c.notNull())
    .addColumn('default_tax_rate_bp', 'integer', (c) =>
      c.notNull().check(sql`default_tax_rate_bp >= 0 and default_tax_rate_bp <= 10000`),
    )
    .addColumn('misc_sales', 'text', (c) => c.notNull().check(POLICY_CHECK('misc_sales')))
    .addColumn('misc_sales_when_shopify_connected', 'text', (c) =>
      c.notNull().check(POLICY_CHECK('misc_sales_when_shopify_connected')),
    )
    .addColumn('cashier_max_discount_bp', 'integer', (c) =>
      c.notNull().check(sql`cashier_max_discount_bp >= 0 and cashier_max_discount_bp <= 10000`),
    )
    .addColumn('return_approval_over_minor', 'bigint', (c) =>
      c.notNull().check(sql`return_approval_over_minor >= 0`),
    )
    .addColumn('receipt_footer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plan', 'text', (c) => c.notNull().check(sql`plan in ('free', 'pro', 'pay')`))
    .addColumn('shopify_connected_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('shop_settings')
    .values({
      id: 1,
      shop_name: 'My Shop',
      address: '',
      currency: 'GBP',
      prices_include_tax: 1,
      default_tax_rate_bp: 2000,
      misc_sales: 'on',
      misc_sales_when_shopify_connected: 'manager_pin',
      cashier_max_discount_bp: 1000,
      return_approval_over_minor: 5000,
      receipt_footer: '',
      plan: 'pro',
      shopify_connected_at: null,
      updated_at: new Date(0).toISOString(),
    })
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shop_settings').execute();
}
