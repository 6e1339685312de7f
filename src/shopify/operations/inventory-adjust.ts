/**
 * A POS-originated change as a delta of `available` (DESIGN §3). `$idempotencyKey` is derived from the
 * movements the push carries, so a retry after a timeout never applies twice.
 */
export const INVENTORY_ADJUST = /* GraphQL */ `
  mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!, $idempotencyKey: String!) {
    inventoryAdjustQuantities(input: $input) @idempotent(key: $idempotencyKey) {
      inventoryAdjustmentGroup {
        id
        createdAt
        reason
        referenceDocumentUri
        changes {
          name
          delta
          item {
            id
          }
          location {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
