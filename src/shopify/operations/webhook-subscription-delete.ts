/** Removes a subscription (disconnecting a store, or replacing a stale callback address). */
export const WEBHOOK_SUBSCRIPTION_DELETE = /* GraphQL */ `
  mutation WebhookSubscriptionDelete($id: ID!) {
    webhookSubscriptionDelete(id: $id) {
      deletedWebhookSubscriptionId
      userErrors {
        field
        message
      }
    }
  }
`;
