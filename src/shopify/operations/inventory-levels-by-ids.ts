/** Many items' levels in one call (reconciliation of a handful of items without a bulk job). */
export const INVENTORY_LEVELS_BY_IDS = /* GraphQL */ `
  query InventoryLevelsByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        id
        inventoryLevels(first: 10) {
          nodes {
            location {
              id
            }
            quantities(names: ["available", "committed", "on_hand"]) {
              name
              quantity
            }
          }
        }
      }
    }
  }
`;
