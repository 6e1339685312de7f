import type { SandboxContext } from '../context.ts';
import { gid, parseGid } from '../gid.ts';
import { findLevel } from '../inventory/levels.repository.ts';
import type { LocationRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { levelModel } from './level-model.ts';

export function findLocation(ctx: SandboxContext, id: number): LocationRow | undefined {
  return sql(ctx.db, 'SELECT * FROM locations WHERE id = ? AND shop_id = ?').get(id, ctx.shop.id) as
    | LocationRow
    | undefined;
}

export function locationsOfShop(ctx: SandboxContext): LocationRow[] {
  return sql(ctx.db, 'SELECT * FROM locations WHERE shop_id = ? ORDER BY id').all(
    ctx.shop.id,
  ) as LocationRow[];
}

export function locationModel(ctx: SandboxContext, row: LocationRow) {
  return {
    __typename: 'Location',
    id: gid('Location', row.id),
    legacyResourceId: String(row.id),
    name: row.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    createdAt: row.created_at,
    updatedAt: row.created_at,
    inventoryLevel: (args: { inventoryItemId: string; includeInactive?: boolean }) => {
      const itemId = parseGid(args.inventoryItemId, 'InventoryItem');
      const level = itemId === undefined ? undefined : findLevel(ctx.db, itemId, row.id);
      if (!level || level.shop_id !== ctx.shop.id || (!level.active && !args.includeInactive)) return null;
      return levelModel(ctx, level);
    },
  };
}
