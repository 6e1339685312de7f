import type { LevelRow } from '../store/rows.ts';
import type { SandboxDb } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

/**
 * Stock per inventory level, one row per quantity name (NOTES §2). `on_hand` is never stored: it is the
 * sum of the names it comprises, and its `updatedAt` is always null, as Shopify reports it.
 */
export const QUANTITY_NAMES = [
  'available',
  'committed',
  'damaged',
  'incoming',
  'on_hand',
  'quality_control',
  'reserved',
  'safety_stock',
] as const;
export const ON_HAND_PARTS = [
  'available',
  'committed',
  'damaged',
  'quality_control',
  'reserved',
  'safety_stock',
];

export function findLevel(db: SandboxDb, itemId: number, locationId: number): LevelRow | undefined {
  return sql(db, 'SELECT * FROM levels WHERE item_id = ? AND location_id = ?').get(itemId, locationId) as
    | LevelRow
    | undefined;
}

export function levelsOfItem(db: SandboxDb, itemId: number): LevelRow[] {
  return sql(db, 'SELECT * FROM levels WHERE item_id = ? ORDER BY id').all(itemId) as LevelRow[];
}

export interface QuantityValue {
  quantity: number;
  updatedAt: string | null;
}

export function readQuantities(db: SandboxDb, levelId: number): Map<string, QuantityValue> {
  const rows = sql(db, 'SELECT name, quantity, updated_at FROM quantities WHERE level_id = ?').all(
    levelId,
  ) as Array<{
    name: string;
    quantity: number;
    updated_at: string | null;
  }>;
  const values = new Map<string, QuantityValue>();
  for (const row of rows) values.set(row.name, { quantity: row.quantity, updatedAt: row.updated_at });
  let onHand = 0;
  for (const part of ON_HAND_PARTS) onHand += values.get(part)?.quantity ?? 0;
  values.set('on_hand', { quantity: onHand, updatedAt: null });
  return values;
}

export function quantityOf(db: SandboxDb, levelId: number, name: string): number {
  return readQuantities(db, levelId).get(name)?.quantity ?? 0;
}

/** Adds `delta` to one stored name (never on_hand, which is derived). */
export function addQuantity(db: SandboxDb, levelId: number, name: string, delta: number, now: string): void {
  sql(
    db,
    `INSERT INTO quantities (level_id, name, quantity, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (level_id, name) DO UPDATE SET quantity = quantity + excluded.quantity, updated_at = excluded.updated_at`,
  ).run(levelId, name, delta, now);
  sql(db, 'UPDATE levels SET updated_at = ? WHERE id = ?').run(now, levelId);
}

/** Creates the level (or reactivates a kept one, which keeps its id and quantities: NOTES §4). */
export function activateLevel(
  db: SandboxDb,
  shopId: number,
  itemId: number,
  locationId: number,
  now: string,
): LevelRow {
  const existing = findLevel(db, itemId, locationId);
  if (existing) {
    if (!existing.active)
      sql(db, 'UPDATE levels SET active = 1, updated_at = ? WHERE id = ?').run(now, existing.id);
    return { ...existing, active: 1 };
  }
  const result = sql(
    db,
    'INSERT INTO levels (shop_id, item_id, location_id, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
  ).run(shopId, itemId, locationId, now, now);
  return (
    findLevel(db, itemId, locationId) ?? {
      id: Number(result.lastInsertRowid),
      shop_id: shopId,
      item_id: itemId,
      location_id: locationId,
      active: 1,
      created_at: now,
      updated_at: now,
    }
  );
}

/** `ProductVariant.inventoryQuantity`: available summed over active levels (NOTES §2). */
export function availableOverActiveLevels(db: SandboxDb, itemId: number): number {
  const row = sql(
    db,
    `SELECT COALESCE(SUM(q.quantity), 0) AS total FROM levels l JOIN quantities q ON q.level_id = l.id
     WHERE l.item_id = ? AND l.active = 1 AND q.name = 'available'`,
  ).get(itemId) as { total: number };
  return row.total;
}
