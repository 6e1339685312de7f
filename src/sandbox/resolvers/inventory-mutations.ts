import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { parseGid } from '../gid.ts';
import {
  adjustmentGroupModel,
  type ChangeRecord,
  recordAdjustmentGroup,
} from '../inventory/adjustment-group.ts';
import { IDEMPOTENCY_MISMATCH, idempotencyKey, runIdempotent } from '../inventory/idempotency.ts';
import {
  ADJUSTABLE_NAMES,
  INVENTORY_REASONS,
  MAX_QUANTITY,
  messages,
  type TypedUserError,
} from '../inventory/inventory-rules.ts';
import { addQuantity, findLevel, ON_HAND_PARTS, quantityOf } from '../inventory/levels.repository.ts';
import { findLocation } from '../models/location-model.ts';
import { findVariantByItem } from '../models/product-model.ts';
import { nowText } from '../shopify-time.ts';

interface Outcome {
  groupId: number | null;
  userErrors: TypedUserError[];
}

interface SetInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: Array<{
    inventoryItemId: string;
    locationId: string;
    quantity: number;
    changeFromQuantity?: number | null;
  }>;
}
interface AdjustInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  changes: Array<{
    inventoryItemId: string;
    locationId: string;
    delta: number;
    changeFromQuantity?: number | null;
    ledgerDocumentUri?: string | null;
  }>;
}

/** From 2026-04 every row must carry the key changeFromQuantity, even as null (NOTES §5); checked first. */
function requireChangeFrom(rows: object[], typeName: string): void {
  if (rows.some((row) => !('changeFromQuantity' in row))) {
    throw new GraphQLError(`${typeName} must include the following argument: changeFromQuantity.`, {
      extensions: { code: 'INVALID_FIELD_ARGUMENTS' },
    });
  }
}

/** Item and location of one row, with the userErrors for either being unknown. */
function resolveRow(
  ctx: SandboxContext,
  row: { inventoryItemId: string; locationId: string },
  path: string[],
) {
  const errors: TypedUserError[] = [];
  const itemId = parseGid(row.inventoryItemId, 'InventoryItem');
  const variant = itemId === undefined ? undefined : findVariantByItem(ctx, itemId);
  if (!variant)
    errors.push({
      field: [...path, 'inventoryItemId'],
      message: messages.item,
      code: 'INVALID_INVENTORY_ITEM',
    });
  const locationId = parseGid(row.locationId, 'Location');
  const location = locationId === undefined ? undefined : findLocation(ctx, locationId);
  if (!location)
    errors.push({ field: [...path, 'locationId'], message: messages.location, code: 'INVALID_LOCATION' });
  return { itemId: variant?.inventory_item_id, locationId: location?.id, errors };
}

function payload(ctx: SandboxContext, result: ReturnType<typeof runIdempotent<Outcome>>) {
  if (result.kind === 'mismatch')
    return { inventoryAdjustmentGroup: null, userErrors: [IDEMPOTENCY_MISMATCH] };
  return {
    inventoryAdjustmentGroup: adjustmentGroupModel(ctx, result.outcome.groupId),
    userErrors: result.outcome.userErrors,
  };
}

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

export const inventoryMutations = {
  inventorySetQuantities: (args: { input: SetInput }, ctx: SandboxContext, info: GraphQLResolveInfo) => {
    requireChangeFrom(args.input.quantities, 'InventoryQuantityInput');
    const key = idempotencyKey(info);
    return payload(
      ctx,
      runIdempotent(ctx, key, 'inventorySetQuantities', args, () => setQuantities(ctx, args.input)),
    );
  },
  inventoryAdjustQuantities: (
    args: { input: AdjustInput },
    ctx: SandboxContext,
    info: GraphQLResolveInfo,
  ) => {
    requireChangeFrom(args.input.changes, 'InventoryChangeInput');
    const key = idempotencyKey(info);
    return payload(
      ctx,
      runIdempotent(ctx, key, 'inventoryAdjustQuantities', args, () => adjustQuantities(ctx, args.input)),
    );
  },
};
