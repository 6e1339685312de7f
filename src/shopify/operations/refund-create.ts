/** Admin action: refund lines with a restock type at a location (idempotent from 2026-04). */
export const REFUND_CREATE = /* GraphQL */ `
  mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
    refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
      refund {
        id
        refundLineItems(first: 50) {
          nodes {
            quantity
            restockType
            restocked
            location {
              id
            }
          }
        }
      }
      order {
        id
        displayFinancialStatus
      }
      userErrors {
        field
        message
      }
    }
  }
`;
