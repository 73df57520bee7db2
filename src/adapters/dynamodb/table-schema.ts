/**
 * The single table's key layout (`pk`, `sk`; TTL attribute `expiresAt`). Mirrors `infra/table.yml`;
 * tests and the local stack create the table from here.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  };
}

/** TTL value (epoch seconds) for an item written at `atMs` and kept `retentionDays`. */
export function expiresAt(atMs: number, retentionDays: number): number {
  return Math.floor(atMs / 1000) + Math.round(retentionDays * 86_400);
}
