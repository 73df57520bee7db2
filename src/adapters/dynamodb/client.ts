import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  /** Upper bound for one HTTP attempt (connect + answer), so a silent endpoint cannot hold a caller. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

/**
 * The document client every table adapter uses. The endpoint comes from the SDK's own settings
 * (`AWS_ENDPOINT_URL_DYNAMODB` for DynamoDB Local).
 */
export function createDocumentClient(options: DynamoClientOptions = {}): DynamoDBDocumentClient {
  const { requestTimeoutMs, maxAttempts } = options;
  const client = new DynamoDBClient({
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    ...(requestTimeoutMs !== undefined
      ? {
          // The SDK accepts its Node HTTP handler's options as a plain object.
          requestHandler: {
            connectionTimeout: requestTimeoutMs,
            requestTimeout: requestTimeoutMs,
            // Without this the SDK only logs a warning when the timeout passes.
            throwOnRequestTimeout: true,
          },
        }
      : {}),
  });
  // The SDK's logger step copies every answer through its sensitive-data filter before handing it to
  // a logger that, unset as here, drops it: for the check's Queries that was a second copy of each page
  // and about 5% of its CPU time.
  client.middlewareStack.remove('loggerMiddleware');
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
