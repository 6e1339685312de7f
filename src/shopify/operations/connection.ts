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

export const SHOPIFY_LOCATIONS = /* GraphQL */ `
  query ShopifyLocations {
    locations(first: 250) {
      nodes {
        id
        name
        isActive
      }
    }
  }
`;

export const WEBHOOK_SUBSCRIBE = /* GraphQL */ `
  mutation WebhookSubscribe($topic: WebhookSubscriptionTopic!, $uri: String!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
      webhookSubscription {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;
