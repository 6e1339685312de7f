/**
 * One selection of an order for both queries below: order ingestion reads the same fields whether a
 * webhook or the poller brought the order in.
 */
const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    name
    createdAt
    updatedAt
    cancelledAt
    displayFinancialStatus
    displayFulfillmentStatus
    lineItems(first: 50) {
      nodes {
        id
        sku
        quantity
        currentQuantity
        unfulfilledQuantity
        variant {
          id
          inventoryItem {
            id
          }
        }
      }
    }
    fulfillmentOrders(first: 5) {
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
            totalQuantity
            remainingQuantity
            lineItem {
              id
            }
          }
        }
      }
    }
    fulfillments(first: 10) {
      id
      name
      createdAt
      location {
        id
      }
      fulfillmentLineItems(first: 50) {
        nodes {
          id
          quantity
          lineItem {
            id
          }
        }
      }
    }
    refunds(first: 10) {
      id
      createdAt
      refundLineItems(first: 50) {
        nodes {
          id
          quantity
          restockType
          restocked
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

/**
 * The polling backstop: orders updated since a stored cursor, oldest change first, with what the
 * ledger needs: lines, the location each fulfilment order is assigned to, fulfilments and refunds
 * (restock type and location per refund line). Requested cost: 877 at $first 50 (the 1000 cap allows no more).
 */
export const ORDERS_UPDATED_SINCE = /* GraphQL */ `
  query OrdersUpdatedSince($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        ...OrderFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${ORDER_FIELDS}
`;

/** One order's current state, fetched when a webhook says it changed (order ingestion). */
export const ORDER_SNAPSHOT = /* GraphQL */ `
  query OrderSnapshot($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;
