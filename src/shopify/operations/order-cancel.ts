/** Admin action: cancel an order, with or without restocking. */
export const ORDER_CANCEL = /* GraphQL */ `
  mutation OrderCancel($orderId: ID!, $restock: Boolean!, $reason: OrderCancelReason!) {
    orderCancel(orderId: $orderId, restock: $restock, reason: $reason, notifyCustomer: false) {
      job {
        id
        done
      }
      orderCancelUserErrors {
        field
        message
        code
      }
    }
  }
`;
