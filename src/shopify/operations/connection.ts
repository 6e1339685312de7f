/** Who we are talking to and what the app may do there (checked at connect time). */
export const SHOP_AND_SCOPES = /* GraphQL */ `
  query ShopAndScopes {
    shop {
      name
      myshopifyDomain
    }
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;
