/** Subscribes the POS to a topic (orders, refunds, inventory levels, products). */
export const WEBHOOK_SUBSCRIPTION_CREATE = /* GraphQL */ `
  mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
      webhookSubscription {
        id
        topic
        uri
        createdAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;
