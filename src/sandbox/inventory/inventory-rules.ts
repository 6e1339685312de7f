/** Reasons, names and messages of Shopify's inventory mutations (NOTES §4), as captured in 2026-04. */
export const INVENTORY_REASONS = [
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_canceled',
  'movement_created',
  'movement_received',
  'movement_updated',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
];
export const ADJUSTABLE_NAMES = [
  'available',
  'damaged',
  'incoming',
  'quality_control',
  'reserved',
  'safety_stock',
];
export const MAX_QUANTITY = 1_000_000_000;

export interface TypedUserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export const messages = {
  reason: `The specified reason is invalid. Valid values are: ${INVENTORY_REASONS.join(', ')}.`,
  setName: "The quantity name must be either 'available' or 'on_hand'.",
  adjustName: `The specified quantity name is invalid. Valid values are: ${ADJUSTABLE_NAMES.join(', ')}.`,
  item: 'The specified inventory item could not be found.',
  location: 'The specified location could not be found.',
  tooHigh: "The quantity can't be higher than 1,000,000,000.",
  tooLow: "The quantity can't be lower than -1,000,000,000.",
  negative: "The quantity can't be negative.",
  duplicate: 'The combination of inventoryItemId and locationId must be unique.',
  notStocked: 'The specified inventory item is not stocked at the location.',
  stale: 'The specified compare quantity does not match the current quantity.',
  quantityDocument: 'A ledger document URI is required except when adjusting available.',
  availableDocument: 'A ledger document URI is not allowed when adjusting available.',
  internalDocument: 'Internal (gid://shopify/) ledger documents are not allowed to be adjusted via API.',
  oneDocument:
    'All changes must have the same ledger document URI or, in the case of adjusting available, no ledger document URI.',
};
