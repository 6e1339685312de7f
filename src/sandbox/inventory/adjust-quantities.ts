import type { SandboxContext } from '../context.ts';
import { nowText } from '../shopify-time.ts';
import { type ChangeRecord, recordAdjustmentGroup } from './adjustment-group.ts';
import { ADJUSTABLE_NAMES, INVENTORY_REASONS, messages, type TypedUserError } from './inventory-rules.ts';
import { addQuantity, findLevel, ON_HAND_PARTS, quantityOf } from './levels.repository.ts';
import { type AdjustInput, type Outcome, resolveRow } from './quantity-rows.ts';

/** inventoryAdjustQuantities (NOTES §4, §5): names, ledger documents, compare-and-swap, then the deltas. */
export function adjustQuantities(ctx: SandboxContext, input: AdjustInput): Outcome {
  const errors: TypedUserError[] = [];
  if (!ADJUSTABLE_NAMES.includes(input.name))
    errors.push({ field: ['input', 'name'], message: messages.adjustName, code: null });
  if (!INVENTORY_REASONS.includes(input.reason)) {
    errors.push({ field: ['input', 'reason'], message: messages.reason, code: 'INVALID_REASON' });
  }
  const documents = new Set<string>();
  const rows = input.changes.map((row, index) => {
    const path = ['input', 'changes', String(index)];
    const resolved = resolveRow(ctx, row, path);
    errors.push(...resolved.errors);
    const uri = row.ledgerDocumentUri ?? null;
    if (input.name === 'available' && uri) {
      errors.push({
        field: [...path, 'ledgerDocumentUri'],
        message: messages.availableDocument,
        code: 'INVALID_AVAILABLE_DOCUMENT',
      });
    } else if (input.name !== 'available' && ADJUSTABLE_NAMES.includes(input.name) && !uri) {
      errors.push({
        field: [...path, 'ledgerDocumentUri'],
        message: messages.quantityDocument,
        code: 'INVALID_QUANTITY_DOCUMENT',
      });
    } else if (uri?.startsWith('gid://shopify/')) {
      errors.push({
        field: [...path, 'ledgerDocumentUri'],
        message: messages.internalDocument,
        code: 'INTERNAL_LEDGER_DOCUMENT',
      });
    }
    if (uri) documents.add(uri);
    return { ...row, ...resolved, path, uri };
  });
  if (documents.size > 1)
    errors.push({
      field: ['input', 'changes'],
      message: messages.oneDocument,
      code: 'MAX_ONE_LEDGER_DOCUMENT',
    });
  if (errors.length) return { groupId: null, userErrors: errors };
  const now = nowText(ctx.clock);
  const planned: Array<{
    levelId: number;
    itemId: number;
    locationId: number;
    delta: number;
    uri: string | null;
  }> = [];
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
    const before = quantityOf(ctx.db, level.id, input.name);
    if (
      row.changeFromQuantity !== null &&
      row.changeFromQuantity !== undefined &&
      row.changeFromQuantity !== before
    ) {
      errors.push({
        field: [...row.path, 'changeFromQuantity'],
        message: messages.stale,
        code: 'CHANGE_FROM_QUANTITY_STALE',
      });
      continue;
    }
    if (row.delta !== 0)
      planned.push({
        levelId: level.id,
        itemId: level.item_id,
        locationId: level.location_id,
        delta: row.delta,
        uri: row.uri,
      });
  }
  if (errors.length) return { groupId: null, userErrors: errors };
  if (!planned.length) return { groupId: null, userErrors: [] };
  for (const change of planned) addQuantity(ctx.db, change.levelId, input.name, change.delta, now);
  // Names that make up on_hand get a mirrored on_hand row with no ledger document (NOTES §4); incoming does not.
  const mirrored = ON_HAND_PARTS.includes(input.name);
  const changes: ChangeRecord[] = [
    ...planned.map((c) => ({
      name: input.name,
      delta: c.delta,
      itemId: c.itemId,
      locationId: c.locationId,
      ledgerDocumentUri: c.uri,
    })),
    ...(mirrored
      ? planned.map((c) => ({
          name: 'on_hand',
          delta: c.delta,
          itemId: c.itemId,
          locationId: c.locationId,
          ledgerDocumentUri: null,
        }))
      : []),
  ];
  return {
    groupId: recordAdjustmentGroup(ctx, input.reason, input.referenceDocumentUri ?? null, changes),
    userErrors: [],
  };
}
