/**
 * ActivityStore on one DynamoDB table.
 *
 * - State item `USER#<pool>#<client>#<user>` / `STATE`: the user's session state with a version
 *   number; replaced with a conditional write, so concurrent sign-ins of one user never lose an update.
 * - Activity items `ACTIVITY#<pool>#<client>#<yyyy-mm-dd>` / `<iso time>#<kind>#<user>`: one per
 *   counted sign-in or refresh, written in the same transaction as the state. A day's activity is one
 *   Query on one partition, so reading cost follows active users, not history.
 * Every item carries a TTL (`expiresAt`).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ActivityEvent } from '../../relogins';
import { type ActivityKind, EMPTY_SESSION_STATE, type UserSessionState } from '../../relogins';
import type { ActivityStore, CallOptions, ClientScope, StoredUserState, UserKey } from '../../sign-ins';
import { StaleStateError } from '../../sign-ins';
import { expiresAt } from './table-schema';

const DAY_MS = 86_400_000;

export interface DynamoActivityStoreOptions {
  tableName: string;
  retentionDays: number;
}

function stateKey(key: UserKey) {
  return { pk: `USER#${key.userPoolId}#${key.clientId}#${key.user}`, sk: 'STATE' };
}

function dayPartition(scope: ClientScope, atMs: number): string {
  return `ACTIVITY#${scope.userPoolId}#${scope.clientId}#${new Date(atMs).toISOString().slice(0, 10)}`;
}

function activitySortKey(event: Pick<ActivityEvent, 'at' | 'kind' | 'user'>): string {
  return `${new Date(event.at).toISOString()}#${event.kind}#${event.user}`;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function toActivityEvent(item: Record<string, unknown>): ActivityEvent {
  return {
    at: item.at as number,
    kind: item.kind as ActivityKind,
    userPoolId: item.userPoolId as string,
    clientId: item.clientId as string,
    user: item.user as string,
    username: item.username as string,
    ...(typeof item.email === 'string' ? { email: item.email } : {}),
    intervalMinutes: numberOrNull(item.intervalMinutes),
  };
}

/** Each UTC day touched by the window (from, to]. */
function daysCovering(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor((from + 1) / DAY_MS) * DAY_MS; day <= to; day += DAY_MS) days.push(day);
  return days;
}

export class DynamoActivityStore implements ActivityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: DynamoActivityStoreOptions,
  ) {}

  async readUserState(key: UserKey, options: CallOptions = {}): Promise<StoredUserState> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: stateKey(key), ConsistentRead: true }),
      { abortSignal: options.abortSignal },
    );
    if (Item === undefined) {
      return { version: 0, state: EMPTY_SESSION_STATE };
    }
    return {
      version: Item.version as number,
      state: {
        lastLoginAt: numberOrNull(Item.lastLoginAt),
        lastRefreshAt: numberOrNull(Item.lastRefreshAt),
        sessionStartedAt: numberOrNull(Item.sessionStartedAt),
      },
    };
  }

  async commit(
    key: UserKey,
    expectedVersion: number,
    next: UserSessionState,
    event: ActivityEvent,
    options: CallOptions = {},
  ): Promise<void> {
    const { tableName, retentionDays } = this.options;
    const ttl = expiresAt(event.at, retentionDays);
    // The SDK fills TransactWriteItems' ClientRequestToken once per call, so its own retry after a
    // lost answer cannot apply the transaction twice.
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...stateKey(key), ...next, version: expectedVersion + 1, expiresAt: ttl },
                ...(expectedVersion === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'version = :expected',
                      ExpressionAttributeValues: { ':expected': expectedVersion },
                    }),
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: {
                  pk: dayPartition(key, event.at),
                  sk: activitySortKey(event),
                  ...event,
                  expiresAt: ttl,
                },
              },
            },
          ],
        }),
        { abortSignal: options.abortSignal },
      );
    } catch (error) {
      // A failed condition or a concurrent transaction on the same item both mean: read again, retry.
      if (error instanceof TransactionCanceledException) {
        const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
        if (codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
          throw new StaleStateError(
            `user state changed since version ${expectedVersion} (${codes.join(', ')})`,
          );
        }
      }
      throw error;
    }
  }

  async listActivity(
    scope: ClientScope,
    from: number,
    to: number,
    options: CallOptions = {},
  ): Promise<ActivityEvent[]> {
    const events: ActivityEvent[] = [];
    for (const day of daysCovering(from, to)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.options.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': dayPartition(scope, day),
              ':from': new Date(Math.max(from, day)).toISOString(),
              // '~' sorts after every '#<kind>#<user>' suffix of the last millisecond.
              ':to': `${new Date(Math.min(to, day + DAY_MS - 1)).toISOString()}~`,
            },
            ExclusiveStartKey: startKey,
          }),
          { abortSignal: options.abortSignal },
        );
        for (const item of page.Items ?? []) {
          const event = toActivityEvent(item);
          if (event.at > from && event.at <= to) events.push(event);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    }
    return events.sort((a, b) => a.at - b.at);
  }
}
