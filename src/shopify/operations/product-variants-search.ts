/** Variants by search query: `barcode:…`, `sku:…` or `updated_at:>…` (incremental catalog sync). */
export const PRODUCT_VARIANTS_SEARCH = /* GraphQL */ `
  query ProductVariantsSearch($first: Int!, $after: String, $query: String!) {
    productVariants(first: $first, after: $after, query: $query) {
      nodes {
        id
        title
        sku
        barcode
        updatedAt
        product {
          id
          title
        }
        inventoryItem {
          id
          tracked
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
