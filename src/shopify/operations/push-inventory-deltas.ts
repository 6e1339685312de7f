/** POS → Shopify: `available` deltas, applied once per idempotency key (Admin API 2026-04+ requires the key). */
export const PUSH_INVENTORY_DELTAS = /* GraphQL */ `
  mutation PushInventoryDeltas($input: InventoryAdjustQuantitiesInput!, $key: String!) {
    inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
