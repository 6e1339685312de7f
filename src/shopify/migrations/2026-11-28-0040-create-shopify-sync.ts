import { type Kysely, sql } from 'kysely';
import { autoIncrementPrimaryKey, dialectOf } from '../../db/portable-sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const serial = autoIncrementPrimaryKey(dialectOf(db));

  await db.schema
    .createTable('shopify_connection')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('shop_domain', 'text', (c) => c.notNull())
    .addColumn('auth_kind', 'text', (c) => c.notNull())
    .addColumn('access_token_sealed', 'text')
    .addColumn('client_id', 'text')
    .addColumn('client_secret_sealed', 'text')
    .addColumn('api_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('token_expires_at', 'text')
    .addColumn('granted_scopes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('api_origin', 'text')
    .addColumn('webhook_base_url', 'text')
    .addColumn('integration_started_at', 'text')
    .addColumn('default_buffer', 'integer', (c) => c.notNull().defaultTo(0).check(sql`default_buffer >= 0`))
    .addColumn('edit_policy', 'text', (c) =>
      c.notNull().defaultTo('override').check(sql`edit_policy in ('override', 'accept')`),
    )
    .addColumn('connected_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shopify_product_buffers')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('buffer', 'integer', (c) => c.notNull().check(sql`buffer >= 0`))
    .execute();

  await db.schema
    .createTable('shopify_location_map')
    .addColumn('location_id', 'text', (c) => c.primaryKey().references('locations.id'))
    .addColumn('shopify_location_id', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('shopify_variant_links')
    .addColumn('variant_id', 'text', (c) =>
      c.primaryKey().references('product_variants.id').onDelete('cascade'),
    )
    .addColumn('shopify_variant_id', 'text', (c) => c.notNull().unique())
    .addColumn('shopify_inventory_item_id', 'text', (c) => c.notNull().unique())
    .addColumn('shopify_product_id', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shopify_sync_points')
    .addColumn('variant_id', 'text', (c) => c.notNull().references('product_variants.id').onDelete('cascade'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('expected_available', 'integer', (c) => c.notNull())
    .addColumn('in_flight_push_id', 'integer')
    .addColumn('last_pushed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_sync_points_pk', ['variant_id', 'location_id'])
    .execute();

  await db.schema
    .createTable('sync_outbox')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('movement_id', 'text', (c) => c.notNull().unique())
    .addColumn('push_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_outbox_pending').on('sync_outbox').columns(['push_id', 'id']).execute();

  await db.schema
    .createTable('shopify_pushes')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('reference_document_uri', 'text', (c) => c.notNull())
    .addColumn('batch_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('shopify_pushes_status')
    .on('shopify_pushes')
    .columns(['status', 'id'])
    .execute();

  await db.schema
    .createTable('shopify_webhook_inbox')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('shop_domain', 'text', (c) => c.notNull())
    .addColumn('triggered_at', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
  await db.schema
    .createIndex('shopify_webhook_inbox_pending')
    .on('shopify_webhook_inbox')
    .columns(['processed_at', 'id'])
    .execute();

  await db.schema
    .createTable('shopify_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('shopify_first_syncs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('page_cursor', 'text')
    .addColumn('variants_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .execute();

  await db.schema
    .createTable('shopify_staged_variants')
    .addColumn('job_id', 'text', (c) => c.notNull().references('shopify_first_syncs.id').onDelete('cascade'))
    .addColumn('shopify_variant_id', 'text', (c) => c.notNull())
    .addColumn('shopify_product_id', 'text', (c) => c.notNull())
    .addColumn('inventory_item_id', 'text', (c) => c.notNull())
    .addColumn('product_title', 'text', (c) => c.notNull())
    .addColumn('variant_title', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('barcode', 'text')
    .addColumn('price', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shopify_staged_variants_pk', ['job_id', 'shopify_variant_id'])
    .execute();

  await db.schema
    .createTable('shopify_drift_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('points_checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('drifted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stale', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();

  await db.schema
    .createTable('shopify_drift_rows')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) =>
      c.notNull().references('shopify_drift_reports.id').onDelete('cascade'),
    )
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('pos_online_available', 'integer', (c) => c.notNull())
    .addColumn('shopify_available', 'integer', (c) => c.notNull())
    .addColumn('expected_available', 'integer', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shopify_drift_rows_report')
    .on('shopify_drift_rows')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('shopify_stock_edits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('shopify_available', 'integer', (c) => c.notNull())
    .addColumn('expected_available', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();

  await db.schema
    .createTable('shopify_manual_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('order_name', 'text')
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('restock_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'shopify_manual_adjustments',
    'shopify_stock_edits',
    'shopify_drift_rows',
    'shopify_drift_reports',
    'shopify_staged_variants',
    'shopify_first_syncs',
    'shopify_cursors',
    'shopify_webhook_inbox',
    'shopify_pushes',
    'sync_outbox',
    'shopify_sync_points',
    'shopify_variant_links',
    'shopify_product_buffers',
    'shopify_location_map',
    'shopify_connection',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
