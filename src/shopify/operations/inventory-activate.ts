/** Stocks an item at a location (needed before its quantities can be set there). */
export const INVENTORY_ACTIVATE = /* GraphQL */ `
  mutation InventoryActivate($inventoryItemId: ID!, $locationId: ID!, $available: Int, $idempotencyKey: String!) {
    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId, available: $available)
      @idempotent(key: $idempotencyKey) {
      inventoryLevel {
        id
        isActive
        quantities(names: ["available", "on_hand"]) {
          name
          quantity
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;
