import type { SandboxContext } from '../context.ts';
import { gid, levelGid } from '../gid.ts';
import { findLocation, locationModel } from '../models/location-model.ts';
import { findVariantByItem, inventoryItemModel } from '../models/product-model.ts';
import { nowText } from '../shopify-time.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';
import { readQuantities } from './levels.repository.ts';

export interface ChangeRecord {
  name: string;
  delta: number;
  itemId: number;
  locationId: number;
  ledgerDocumentUri: string | null;
}

/**
 * The inventory history: every applied change is one row of an adjustment group that keeps the reason
 * and reference document (queryable through `GET /sandbox/shops/:domain/inventory-history` and the
 * mutation payloads). Also raises inventory_levels/update for each level whose `available` moved.
 */
export function recordAdjustmentGroup(
  ctx: SandboxContext,
  reason: string,
  referenceDocumentUri: string | null,
  changes: ChangeRecord[],
): number {
  const id = allocateIds(ctx.db);
  const now = nowText(ctx.clock);
  sql(
    ctx.db,
    'INSERT INTO adjustment_groups (id, shop_id, reason, reference_document_uri, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(id, ctx.shop.id, reason, referenceDocumentUri, now);
  const insert = sql(
    ctx.db,
    `INSERT INTO adjustment_changes (group_id, seq, name, delta, item_id, location_id, ledger_document_uri)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  changes.forEach((change, seq) => {
    insert.run(
      id,
      seq,
      change.name,
      change.delta,
      change.itemId,
      change.locationId,
      change.ledgerDocumentUri,
    );
  });
  const moved = new Set<string>();
  for (const change of changes) {
    const key = `${change.itemId}:${change.locationId}`;
    if (moved.has(key)) continue;
    moved.add(key);
    raiseLevelUpdate(ctx, change.itemId, change.locationId);
  }
  return id;
}

/** inventory_levels/update carries only `available` (NOTES §7). */
export function raiseLevelUpdate(ctx: SandboxContext, itemId: number, locationId: number): void {
  const location = findLocation(ctx, locationId);
  const level = sql(ctx.db, 'SELECT id FROM levels WHERE item_id = ? AND location_id = ?').get(
    itemId,
    locationId,
  ) as { id: number } | undefined;
  if (!location || !level) return;
  ctx.events.push({
    topic: 'inventory_levels/update',
    payload: {
      inventory_item_id: itemId,
      location_id: locationId,
      available: readQuantities(ctx.db, level.id).get('available')?.quantity ?? 0,
      updated_at: new Date(ctx.clock.now()).toISOString(),
      admin_graphql_api_id: levelGid(location.level_key, itemId),
    },
  });
}

export function adjustmentGroupModel(ctx: SandboxContext, id: number | null) {
  if (id === null) return null;
  const group = sql(ctx.db, 'SELECT * FROM adjustment_groups WHERE id = ?').get(id) as {
    id: number;
    reason: string;
    reference_document_uri: string | null;
    created_at: string;
  };
  const rows = sql(ctx.db, 'SELECT * FROM adjustment_changes WHERE group_id = ? ORDER BY seq').all(
    id,
  ) as Array<{
    name: string;
    delta: number;
    item_id: number;
    location_id: number;
    ledger_document_uri: string | null;
  }>;
  return {
    __typename: 'InventoryAdjustmentGroup',
    id: gid('InventoryAdjustmentGroup', group.id),
    createdAt: group.created_at,
    reason: group.reason,
    referenceDocumentUri: group.reference_document_uri,
    changes: (args: { inventoryItemIds?: string[]; locationIds?: string[]; quantityNames?: string[] }) =>
      rows
        .filter((row) => !args.quantityNames || args.quantityNames.includes(row.name))
        .filter(
          (row) =>
            !args.inventoryItemIds || args.inventoryItemIds.includes(gid('InventoryItem', row.item_id)),
        )
        .filter((row) => !args.locationIds || args.locationIds.includes(gid('Location', row.location_id)))
        .map((row) => ({
          name: row.name,
          delta: row.delta,
          // Always null in real responses (NOTES §4).
          quantityAfterChange: null,
          ledgerDocumentUri: row.ledger_document_uri,
          item: () => {
            const variant = findVariantByItem(ctx, row.item_id);
            return variant ? inventoryItemModel(ctx, variant) : null;
          },
          location: () => {
            const location = findLocation(ctx, row.location_id);
            return location ? locationModel(ctx, location) : null;
          },
        })),
  };
}
