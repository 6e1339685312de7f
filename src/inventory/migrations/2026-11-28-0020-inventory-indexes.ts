import { type Kysely, sql } from 'kysely';

/**
 * The movement history pages newest first by id, filtered by variant or by location. These indexes let
 * both read just one page instead of sorting every movement of a busy item or a whole shop.
 * Location names are unique regardless of case ("Back room" = "back room"); the service checks first
 * and this index settles two requests racing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('stock_movements_variant_id')
    .on('stock_movements')
    .columns(['variant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('stock_movements_location_id')
    .on('stock_movements')
    .columns(['location_id', 'id'])
    .execute();
  // "Show this document": GET /api/stock/movements?sourceId=trf_… looks movements up by source id alone.
  await db.schema
    .createIndex('stock_movements_source_id')
    .on('stock_movements')
    .column('source_id')
    .execute();
  await db.schema
    .createIndex('locations_name_lower')
    .on('locations')
    .unique()
    .expression(sql`lower(name)`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('locations_name_lower').execute();
  await db.schema.dropIndex('stock_movements_source_id').execute();
  await db.schema.dropIndex('stock_movements_location_id').execute();
  await db.schema.dropIndex('stock_movements_variant_id').execute();
}
