/** The app's subscriptions, to check on start which topics are covered and at which address. */
export const WEBHOOK_SUBSCRIPTIONS = /* GraphQL */ `
  query WebhookSubscriptions($first: Int!, $after: String) {
    webhookSubscriptions(first: $first, after: $after) {
      nodes {
        id
        topic
        uri
        format
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
