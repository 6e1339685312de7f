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

/** First sync, "create POS-only products on Shopify": one product with its variants, tracked stock. */
export const PRODUCT_CREATE_FROM_POS = /* GraphQL */ `
  mutation ProductCreateFromPos($input: ProductSetInput!) {
    productSet(input: $input, synchronous: true) {
      product {
        id
        variants(first: 100) {
          nodes {
            id
            sku
            barcode
            inventoryItem {
              id
            }
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
