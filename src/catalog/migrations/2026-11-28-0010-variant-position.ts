import type { Kysely } from 'kysely';

/**
 * Variants keep the order the shop gave them (S, M, L), which ids alone do not: two ids born in the
 * same millisecond sort at random.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('product_variants')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_variants').dropColumn('position').execute();
}
