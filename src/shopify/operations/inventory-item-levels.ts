/** One item's quantities at one location, and at all its locations. */
export const INVENTORY_ITEM_LEVELS = /* GraphQL */ `
  query InventoryItemLevels($inventoryItemId: ID!, $locationId: ID!) {
    inventoryItem(id: $inventoryItemId) {
      id
      tracked
      inventoryLevel(locationId: $locationId) {
        id
        quantities(names: ["available", "committed", "on_hand", "incoming"]) {
          name
          quantity
          updatedAt
        }
      }
      inventoryLevels(first: 50) {
        nodes {
          id
          isActive
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
`;
