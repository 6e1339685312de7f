/** Starts a bulk export; large shops' reconciliation and first sync read through one. */
export const BULK_OPERATION_RUN_QUERY = /* GraphQL */ `
  mutation BulkOperationRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
        createdAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/**
 * Reconciliation of a large shop: every inventory item with `available` at each of its levels. The
 * JSONL has one line per item and one per level, the level's `__parentId` naming its item.
 */
export const BULK_INVENTORY_LEVELS_QUERY = /* GraphQL */ `
  {
    inventoryItems {
      edges {
        node {
          id
          inventoryLevels {
            edges {
              node {
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
    }
  }
`;

/** First sync of a large shop: every variant with what matching needs (one JSONL line each). */
export const BULK_VARIANTS_QUERY = /* GraphQL */ `
  {
    productVariants {
      edges {
        node {
          id
          sku
          barcode
          title
          price
          product {
            id
            title
          }
          inventoryItem {
            id
          }
        }
      }
    }
  }
`;
