/** Current `available` of linked items at every location (≤ 250 ids a call). */
export const INVENTORY_LEVELS_FOR_ITEMS = /* GraphQL */ `
  query InventoryLevelsForItems($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        id
        inventoryLevels(first: 50) {
          nodes {
            location {
              id
            }
            quantities(names: ["available"]) {
              name
              quantity
            }
          }
        }
      }
    }
  }
`;

/**
 * Corrections (reconciliation, overriding a Shopify-side edit, first sync): set `available` with
 * compare-and-swap — `changeFromQuantity` is the value we read, so a sale Shopify made meanwhile
 * makes the set fail (CHANGE_FROM_QUANTITY_STALE) instead of being overwritten.
 */
export const SET_INVENTORY_AVAILABLE = /* GraphQL */ `
  mutation SetInventoryAvailable($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
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
