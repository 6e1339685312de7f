/** The storefront simulation's online order (and tests'): inventory behaviour chosen by the caller. */
export const ORDER_CREATE = /* GraphQL */ `
  mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
    orderCreate(order: $order, options: $options) {
      order {
        id
        name
        lineItems(first: 50) {
          nodes {
            id
            quantity
            variant {
              id
            }
          }
        }
        fulfillmentOrders(first: 10) {
          nodes {
            id
            status
            assignedLocation {
              location {
                id
              }
            }
            lineItems(first: 50) {
              nodes {
                id
                remainingQuantity
              }
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
