/**
 * One order's full state, as order ingestion needs it: lines with their variants, the location each
 * line was committed at (its fulfillment order's assigned location), fulfilments, refunds with their
 * restock type and location. Connections are capped at 50/20/20 — far above a shop's real orders,
 * and still a few points of query cost.
 */
export const ORDER_SNAPSHOT = /* GraphQL */ `
  query OrderSnapshot($id: ID!) {
    order(id: $id) {
      ...OrderSnapshotFields
    }
  }
  fragment OrderSnapshotFields on Order {
    id
    name
    createdAt
    updatedAt
    cancelledAt
    lineItems(first: 50) {
      nodes {
        id
        quantity
        variant {
          id
        }
      }
    }
    fulfillmentOrders(first: 20) {
      nodes {
        assignedLocation {
          location {
            id
          }
        }
        lineItems(first: 50) {
          nodes {
            totalQuantity
            lineItem {
              id
            }
          }
        }
      }
    }
    fulfillments(first: 20) {
      id
      location {
        id
      }
      fulfillmentLineItems(first: 50) {
        nodes {
          quantity
          lineItem {
            id
          }
        }
      }
    }
    refunds(first: 20) {
      id
      refundLineItems(first: 50) {
        nodes {
          id
          quantity
          restockType
          location {
            id
          }
          lineItem {
            id
          }
        }
      }
    }
  }
`;

/** The polling backstop: orders updated since the stored cursor, oldest first. */
export const ORDERS_UPDATED_SINCE = /* GraphQL */ `
  query OrdersUpdatedSince($query: String!, $after: String) {
    orders(first: 25, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...OrderSnapshotFields
      }
    }
  }
  fragment OrderSnapshotFields on Order {
    id
    name
    createdAt
    updatedAt
    cancelledAt
    lineItems(first: 50) {
      nodes {
        id
        quantity
        variant {
          id
        }
      }
    }
    fulfillmentOrders(first: 20) {
      nodes {
        assignedLocation {
          location {
            id
          }
        }
        lineItems(first: 50) {
          nodes {
            totalQuantity
            lineItem {
              id
            }
          }
        }
      }
    }
    fulfillments(first: 20) {
      id
      location {
        id
      }
      fulfillmentLineItems(first: 50) {
        nodes {
          quantity
          lineItem {
            id
          }
        }
      }
    }
    refunds(first: 20) {
      id
      refundLineItems(first: 50) {
        nodes {
          id
          quantity
          restockType
          location {
            id
          }
          lineItem {
            id
          }
        }
      }
    }
  }
`;
