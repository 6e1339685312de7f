/** Products with their variants, inventory item, SKU, barcode and levels: first sync without bulk. Requested cost at $first 50: under 1000. */
export const PRODUCTS_PAGE = /* GraphQL */ `
  query ProductsPage($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query) {
      nodes {
        id
        title
        status
        updatedAt
        variants(first: 50) {
          nodes {
            id
            title
            sku
            barcode
            price
            inventoryItem {
              id
              tracked
              inventoryLevels(first: 10) {
                nodes {
                  id
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
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
