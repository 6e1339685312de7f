/** First sync: every Shopify variant with what matching needs, 250 a page. */
export const VARIANTS_PAGE = /* GraphQL */ `
  query VariantsPage($after: String) {
    productVariants(first: 250, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
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
`;

/** How many variants the shop has, up to `limit`: decides between paging and a bulk export. */
export const PRODUCT_VARIANTS_COUNT = /* GraphQL */ `
  query ProductVariantsCount($limit: Int) {
    productVariantsCount(limit: $limit) {
      count
      precision
    }
  }
`;
