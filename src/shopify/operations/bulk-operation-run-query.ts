/** Starts a bulk export (reconciliation of a large catalogue reads every level this way). */
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

/** The bulk document reconciliation runs: every variant's item and its levels' quantities. */
export const BULK_INVENTORY_LEVELS_QUERY = /* GraphQL */ `
  {
    productVariants {
      edges {
        node {
          id
          sku
          barcode
          inventoryItem {
            id
            tracked
          }
          inventoryQuantity
        }
      }
    }
  }
`;
