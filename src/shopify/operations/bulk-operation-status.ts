/** Polls one bulk job until it ends; a completed job's JSONL is at `url`. */
export const BULK_OPERATION_STATUS = /* GraphQL */ `
  query BulkOperationStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      fileSize
      url
      partialDataUrl
      completedAt
    }
  }
`;

/** The most recent bulk job of the app (deprecated by Shopify in favour of bulkOperations, still served). */
export const CURRENT_BULK_OPERATION = /* GraphQL */ `
  query CurrentBulkOperation {
    currentBulkOperation {
      id
      status
      objectCount
      url
    }
  }
`;
