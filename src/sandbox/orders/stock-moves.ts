import type { SandboxContext } from '../context.ts';
import { type ChangeRecord, recordAdjustmentGroup } from '../inventory/adjustment-group.ts';
import { activateLevel, addQuantity } from '../inventory/levels.repository.ts';
import { nowText } from '../shopify-time.ts';

export interface StockMove {
  itemId: number;
  locationId: number;
  /** Deltas of the stored names; on_hand follows from them. */
  available?: number;
  committed?: number;
}

/**
 * Applies the stock effect of an order event (NOTES §3) and records it in the inventory history with
 * the order as the reference document, so the sandbox's history shows why each quantity moved.
 */
export function applyStockMoves(
  ctx: SandboxContext,
  reason: string,
  reference: string,
  moves: StockMove[],
): void {
  const now = nowText(ctx.clock);
  const changes: ChangeRecord[] = [];
  for (const move of moves) {
    const level = activateLevel(ctx.db, ctx.shop.id, move.itemId, move.locationId, now);
    const available = move.available ?? 0;
    const committed = move.committed ?? 0;
    if (available) addQuantity(ctx.db, level.id, 'available', available, now);
    if (committed) addQuantity(ctx.db, level.id, 'committed', committed, now);
    const base = { itemId: move.itemId, locationId: move.locationId, ledgerDocumentUri: null };
    if (available) changes.push({ ...base, name: 'available', delta: available });
    if (committed) changes.push({ ...base, name: 'committed', delta: committed });
    if (available + committed) changes.push({ ...base, name: 'on_hand', delta: available + committed });
  }
  if (changes.length) recordAdjustmentGroup(ctx, reason, reference, changes);
}
