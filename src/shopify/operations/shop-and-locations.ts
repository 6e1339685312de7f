/** The shop's identity and its locations (for location mapping). */
export const SHOP_AND_LOCATIONS = /* GraphQL */ `
  query ShopAndLocations($first: Int!, $after: String) {
    shop {
      id
      name
      myshopifyDomain
      currencyCode
      plan {
        displayName
        shopifyPlus
      }
    }
    locations(first: $first, after: $after) {
      nodes {
        id
        name
        isActive
        fulfillsOnlineOrders
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
