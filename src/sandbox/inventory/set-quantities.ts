import type { SandboxContext } from '../context.ts';
import { nowText } from '../shopify-time.ts';
import { type ChangeRecord, recordAdjustmentGroup } from './adjustment-group.ts';
import { INVENTORY_REASONS, MAX_QUANTITY, messages, type TypedUserError } from './inventory-rules.ts';
import { addQuantity, findLevel, quantityOf } from './levels.repository.ts';
import { type Outcome, resolveRow, type SetInput } from './quantity-rows.ts';

/** inventorySetQuantities (NOTES §4, §5): validation in Shopify's order, compare-and-swap, then the change. */
export function setQuantities(ctx: SandboxContext, input: SetInput): Outcome {
  const errors: TypedUserError[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') {
    errors.push({ field: ['input', 'name'], message: messages.setName, code: 'INVALID_NAME' });
  }
  if (!INVENTORY_REASONS.includes(input.reason)) {
    errors.push({ field: ['input', 'reason'], message: messages.reason, code: 'INVALID_REASON' });
  }
  const seen = new Map<string, number>();
  const rows = input.quantities.map((row, index) => {
    const path = ['input', 'quantities', String(index)];
    const resolved = resolveRow(ctx, row, path);
    errors.push(...resolved.errors);
    if (row.quantity > MAX_QUANTITY)
      errors.push({
        field: [...path, 'quantity'],
        message: messages.tooHigh,
        code: 'INVALID_QUANTITY_TOO_HIGH',
      });
    else if (row.quantity < -MAX_QUANTITY)
      errors.push({
        field: [...path, 'quantity'],
        message: messages.tooLow,
        code: 'INVALID_QUANTITY_TOO_LOW',
      });
    else if (input.name === 'on_hand' && row.quantity < 0) {
      errors.push({
        field: [...path, 'quantity'],
        message: messages.negative,
        code: 'INVALID_QUANTITY_NEGATIVE',
      });
    }
    const pair = `${row.inventoryItemId}|${row.locationId}`;
    seen.set(pair, (seen.get(pair) ?? 0) + 1);
    return { ...row, ...resolved, path, pair };
  });
  for (const row of rows) {
    if ((seen.get(row.pair) ?? 0) > 1) {
      errors.push({
        field: [...row.path, 'locationId'],
        message: messages.duplicate,
        code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
      });
    }
  }
  if (errors.length) return { groupId: null, userErrors: errors };
  const now = nowText(ctx.clock);
  const planned: Array<{ levelId: number; itemId: number; locationId: number; delta: number }> = [];
  for (const row of rows) {
    const level = findLevel(ctx.db, row.itemId as number, row.locationId as number);
    if (!level || !level.active) {
      errors.push({
        field: [...row.path, 'locationId'],
        message: messages.notStocked,
        code: 'ITEM_NOT_STOCKED_AT_LOCATION',
      });
      continue;
    }
    const current = quantityOf(ctx.db, level.id, input.name);
    if (
      row.changeFromQuantity !== null &&
      row.changeFromQuantity !== undefined &&
      row.changeFromQuantity !== current
    ) {
      errors.push({
        field: [...row.path, 'changeFromQuantity'],
        message: messages.stale,
        code: 'CHANGE_FROM_QUANTITY_STALE',
      });
      continue;
    }
    if (row.quantity !== current)
      planned.push({
        levelId: level.id,
        itemId: level.item_id,
        locationId: level.location_id,
        delta: row.quantity - current,
      });
  }
  if (errors.length) return { groupId: null, userErrors: errors };
  if (!planned.length) return { groupId: null, userErrors: [] };
  // Setting on_hand moves available by the same amount; either way available rows come first, then on_hand.
  for (const change of planned) addQuantity(ctx.db, change.levelId, 'available', change.delta, now);
  const changes: ChangeRecord[] = [
    ...planned.map((c) => ({
      name: 'available',
      delta: c.delta,
      itemId: c.itemId,
      locationId: c.locationId,
      ledgerDocumentUri: null,
    })),
    ...planned.map((c) => ({
      name: 'on_hand',
      delta: c.delta,
      itemId: c.itemId,
      locationId: c.locationId,
      ledgerDocumentUri: null,
    })),
  ];
  return {
    groupId: recordAdjustmentGroup(ctx, input.reason, input.referenceDocumentUri ?? null, changes),
    userErrors: [],
  };
}
