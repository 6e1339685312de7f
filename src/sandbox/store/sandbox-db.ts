import Database from 'better-sqlite3';

/**
 * The sandbox's own SQLite file (separate from the POS database): it stands in for Shopify's servers,
 * so it is synchronous and fast rather than portable. Ids are drawn from one shared counter, so a
 * variant id and an inventory item id never coincide, as on Shopify (NOTES §1).
 */
export type SandboxDb = Database.Database;

const tables = `
CREATE TABLE IF NOT EXISTS id_counter (next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS shops (
  id INTEGER PRIMARY KEY, domain TEXT NOT NULL UNIQUE, name TEXT NOT NULL, plan TEXT NOT NULL,
  api_secret TEXT NOT NULL, client_id TEXT NOT NULL UNIQUE, client_secret TEXT NOT NULL,
  currency TEXT NOT NULL, next_order_number INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS app_scopes (shop_id INTEGER PRIMARY KEY, scopes TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, shop_id INTEGER NOT NULL, expires_at TEXT);
CREATE TABLE IF NOT EXISTS locations (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, name TEXT NOT NULL, level_key INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, title TEXT NOT NULL, handle TEXT NOT NULL,
  status TEXT NOT NULL, vendor TEXT NOT NULL, product_type TEXT NOT NULL, tags TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS products_shop_updated ON products (shop_id, updated_at);
CREATE TABLE IF NOT EXISTS variants (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, product_id INTEGER NOT NULL, title TEXT NOT NULL,
  sku TEXT, barcode TEXT, price TEXT NOT NULL, compare_at_price TEXT, taxable INTEGER NOT NULL,
  inventory_policy TEXT NOT NULL, options TEXT NOT NULL, position INTEGER NOT NULL,
  inventory_item_id INTEGER NOT NULL UNIQUE, tracked INTEGER NOT NULL, requires_shipping INTEGER NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS variants_product ON variants (product_id, position);
CREATE INDEX IF NOT EXISTS variants_shop_sku ON variants (shop_id, sku);
CREATE INDEX IF NOT EXISTS variants_shop_barcode ON variants (shop_id, barcode);
CREATE INDEX IF NOT EXISTS variants_shop_updated ON variants (shop_id, updated_at);
CREATE TABLE IF NOT EXISTS levels (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, item_id INTEGER NOT NULL, location_id INTEGER NOT NULL,
  active INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (item_id, location_id));
CREATE TABLE IF NOT EXISTS quantities (
  level_id INTEGER NOT NULL, name TEXT NOT NULL, quantity INTEGER NOT NULL, updated_at TEXT,
  PRIMARY KEY (level_id, name));
CREATE TABLE IF NOT EXISTS adjustment_groups (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, reason TEXT NOT NULL, reference_document_uri TEXT,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS adjustment_changes (
  group_id INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, delta INTEGER NOT NULL,
  item_id INTEGER NOT NULL, location_id INTEGER NOT NULL, ledger_document_uri TEXT,
  PRIMARY KEY (group_id, seq));
CREATE INDEX IF NOT EXISTS adjustment_changes_item ON adjustment_changes (item_id, location_id);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  shop_id INTEGER NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, outcome TEXT NOT NULL,
  created_at TEXT NOT NULL, PRIMARY KEY (shop_id, key));
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, number INTEGER NOT NULL, email TEXT, note TEXT,
  test INTEGER NOT NULL, financial_status TEXT NOT NULL, cancelled_at TEXT, cancel_reason TEXT, closed_at TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, processed_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS orders_shop_updated ON orders (shop_id, updated_at);
CREATE TABLE IF NOT EXISTS line_items (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, variant_id INTEGER, title TEXT NOT NULL, sku TEXT,
  quantity INTEGER NOT NULL, price_minor INTEGER NOT NULL, stock_location_id INTEGER, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fulfillment_orders (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, location_id INTEGER NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fulfillment_order_lines (
  id INTEGER PRIMARY KEY, fulfillment_order_id INTEGER NOT NULL, line_item_id INTEGER NOT NULL,
  total_quantity INTEGER NOT NULL, remaining_quantity INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fulfillments (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, location_id INTEGER NOT NULL, seq INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fulfillment_lines (
  id INTEGER PRIMARY KEY, fulfillment_id INTEGER NOT NULL, line_item_id INTEGER NOT NULL, quantity INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refunds (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, note TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refund_lines (
  id INTEGER PRIMARY KEY, refund_id INTEGER NOT NULL, line_item_id INTEGER NOT NULL, quantity INTEGER NOT NULL,
  restock_type TEXT NOT NULL, location_id INTEGER, restocked INTEGER NOT NULL, subtotal_minor INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, topic TEXT NOT NULL, uri TEXT NOT NULL, format TEXT NOT NULL,
  filter TEXT, include_fields TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, subscription_id INTEGER NOT NULL, topic TEXT NOT NULL,
  uri TEXT NOT NULL, body TEXT NOT NULL, event_id TEXT NOT NULL, triggered_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS bulk_operations (
  id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL, status TEXT NOT NULL, query TEXT NOT NULL,
  object_count INTEGER NOT NULL DEFAULT 0, root_object_count INTEGER NOT NULL DEFAULT 0, file_size INTEGER,
  result TEXT, created_at TEXT NOT NULL, completed_at TEXT);
`;

export function openSandboxDb(file: string): SandboxDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(tables);
  const counter = db.prepare('SELECT next FROM id_counter').get();
  // Twelve-digit ids like Shopify's, far from small numbers a test might type by hand.
  if (!counter) db.prepare('INSERT INTO id_counter (next) VALUES (?)').run(106_318_430_000);
  return db;
}

/** Allocates `count` consecutive ids and answers the first. */
export function allocateIds(db: SandboxDb, count = 1): number {
  const row = db.prepare('UPDATE id_counter SET next = next + ? RETURNING next').get(count) as {
    next: number;
  };
  return row.next - count;
}

/** Every table but the id counter, emptied: `POST /sandbox/reset`. */
export function resetSandboxDb(db: SandboxDb): void {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'id_counter'")
    .all() as Array<{ name: string }>;
  db.transaction(() => {
    for (const { name } of names) db.exec(`DELETE FROM ${name}`);
  })();
}
