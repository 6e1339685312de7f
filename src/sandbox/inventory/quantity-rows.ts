import { GraphQLError } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { parseGid } from '../gid.ts';
import { findLocation } from '../models/location-model.ts';
import { findVariantByItem } from '../models/product-model.ts';
import { messages, type TypedUserError } from './inventory-rules.ts';

/** What a set or adjust leaves behind: the adjustment group it recorded (or null) and its userErrors. */
export interface Outcome {
  groupId: number | null;
  userErrors: TypedUserError[];
}

export interface SetInput {
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
export interface AdjustInput {
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
export function requireChangeFrom(rows: object[], typeName: string): void {
  if (rows.some((row) => !('changeFromQuantity' in row))) {
    throw new GraphQLError(`${typeName} must include the following argument: changeFromQuantity.`, {
      extensions: { code: 'INVALID_FIELD_ARGUMENTS' },
    });
  }
}

/** Item and location of one row, with the userErrors for either being unknown. */
export function resolveRow(
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
