/**
 * The single table's key layout. Mirrors `infra/table.yml`; tests and the local stack create the
 * table from here.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
export const TTL_ATTRIBUTE = 'expiresAt';

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: PARTITION_KEY, AttributeType: 'S' },
      { AttributeName: SORT_KEY, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
  };
}

/** TTL value (epoch seconds) for an item written at `atMs` and kept `retentionDays`. */
export function expiresAt(atMs: number, retentionDays: number): number {
  return Math.floor(atMs / 1000) + Math.round(retentionDays * 86_400);
}
