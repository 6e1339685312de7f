/** Deletes a product on Shopify (a POS product withdrawn from the online store). */
export const PRODUCT_DELETE = /* GraphQL */ `
  mutation ProductDelete($id: ID!) {
    productDelete(input: { id: $id }) {
      deletedProductId
      userErrors {
        field
        message
      }
    }
  }
`;
