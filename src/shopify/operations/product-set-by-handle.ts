/**
 * First sync: creates a POS-only product on Shopify, or updates the one an interrupted run created
 * (upsert by handle). Variants come back with their options, so each is linked to the POS variant
 * it was made from; 250 is the most one call can carry.
 */
export const PRODUCT_SET_BY_HANDLE = /* GraphQL */ `
  mutation ProductSetByHandle($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
    productSet(input: $input, identifier: $identifier, synchronous: true) {
      product {
        id
        handle
        variants(first: 250) {
          nodes {
            id
            sku
            barcode
            selectedOptions {
              name
              value
            }
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
