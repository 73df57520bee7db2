/**
 * NotificationLedger on the project's single table: one item per key (`table-layout.ts`),
 * holding the last confirmed state, a version and an optional lease. Every change is a conditional
 * UpdateItem, so concurrent runs cannot both claim, and a stale run cannot overwrite a newer state.
 * Ledger items carry no TTL: forgetting what was sent would send it again.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Lease, LeaseLostError, type LedgerEntry, type NotificationLedger } from '../../notifications';
import { decodeLedger, ledgerKey, STORED_SCHEMA } from './table-layout';

async function unlessConditionFailed(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read<S>(key: string): Promise<LedgerEntry<S>> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: ledgerKey(key), ConsistentRead: true }),
    );
    const { state, version } = decodeLedger(Item);
    // The state's shape belongs to the caller that confirmed it under this key.
    return { state: state as S | null, version };
  }

  claim(key: string, expectedVersion: number, lease: Lease): Promise<boolean> {
    // A released claim leaves an item at version 0, so "never confirmed" is either state.
    const versionCondition =
      expectedVersion === 0 ? '(attribute_not_exists(version) OR version = :version)' : 'version = :version';
    return unlessConditionFailed(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(key),
          UpdateExpression:
            'SET leaseOwner = :owner, leaseUntil = :until, version = if_not_exists(version, :zero)',
          ConditionExpression: `${versionCondition} AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)`,
          ExpressionAttributeValues: {
            ':owner': lease.owner,
            ':until': lease.until,
            ':now': lease.now,
            ':version': expectedVersion,
            ':zero': 0,
          },
        }),
      ),
    );
  }

  async confirm<S>(key: string, owner: string, state: S, at: number): Promise<void> {
    const written = await unlessConditionFailed(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(key),
          UpdateExpression:
            'SET #state = :state, version = version + :one, sentAt = :at, #schema = :schema REMOVE leaseOwner, leaseUntil',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeNames: { '#state': 'state', '#schema': 'schema' },
          ExpressionAttributeValues: {
            ':state': state,
            ':one': 1,
            ':at': at,
            ':owner': owner,
            ':schema': STORED_SCHEMA,
          },
        }),
      ),
    );
    if (!written) throw new LeaseLostError(key);
  }

  async release(key: string, owner: string): Promise<void> {
    await unlessConditionFailed(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(key),
          UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        }),
      ),
    );
  }
}
