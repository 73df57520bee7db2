/**
 * Test access to the shared DynamoDB Local: points the SDK's standard settings at it (so code that
 * builds its own clients from the environment, like the handlers, talks to it) and makes fresh tables.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment } from '../../local/stand-ins/local-aws';
import { tableDefinition } from '../../src/adapters/dynamodb/table-layout';

export function useLocalDynamoDb(): string {
  const endpoint = inject('dynamoDbEndpoint');
  Object.assign(process.env, localAwsEnvironment({ dynamodb: endpoint }));
  return endpoint;
}

/** Creates a uniquely named table with the project's key schema and returns its name. */
export async function createTestTable(prefix = 'test'): Promise<string> {
  const endpoint = useLocalDynamoDb();
  const tableName = `${prefix}-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } finally {
    client.destroy();
  }
  return tableName;
}
