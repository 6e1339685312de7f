/** Admin action: fulfil lines of a fulfilment order (all remaining when no lines are given). */
export const FULFILLMENT_CREATE = /* GraphQL */ `
  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
        name
        status
        totalQuantity
      }
      userErrors {
        field
        message
      }
    }
  }
`;
