/**
 * SignInLog on the single table: one item per logged signal, written with one PutItem, in the pool's
 * UTC-day partition (`table-layout.ts`). Reading a window is one Query (with its pages) per day it
 * touches, so reading cost follows the window's sign-ins, not the history kept. Items carry a TTL.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CallOptions, LoggedSignIn, SignInLog } from '../../sign-ins';
import {
  daysCovering,
  decodeSignIn,
  encodeSignIn,
  type Item,
  signInPartition,
  signInRange,
} from './table-layout';

export interface DynamoSignInLogOptions {
  tableName: string;
  retentionDays: number;
}

const WARM_UP_KEY = { pk: 'WARMUP', sk: 'WARMUP' } as const;

export class DynamoSignInLog implements SignInLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: DynamoSignInLogOptions,
  ) {}

  async append(signIn: LoggedSignIn, options: CallOptions = {}): Promise<void> {
    // A plain, unconditional put: a copy of the same signal at the same millisecond lands on the same
    // key, and anything else a retry produces is absorbed by the replay's dedupe.
    await this.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: encodeSignIn(signIn, this.options.retentionDays),
      }),
      { abortSignal: options.abortSignal },
    );
  }

  async list(
    userPoolId: string,
    from: number,
    to: number,
    options: CallOptions = {},
  ): Promise<LoggedSignIn[]> {
    const signIns: LoggedSignIn[] = [];
    if (to <= from) return signIns;
    const last = to - 1;
    for (const day of daysCovering(from, last)) {
      const range = signInRange(Math.max(from, day), Math.min(last, day + 86_399_999));
      let startKey: Item | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.options.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': signInPartition(userPoolId, day),
              ':from': range.from,
              ':to': range.to,
            },
            ExclusiveStartKey: startKey,
          }),
          { abortSignal: options.abortSignal },
        );
        for (const item of page.Items ?? []) signIns.push(decodeSignIn(item));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    }
    // Partitions are read in day order and each is sorted by time already.
    return signIns;
  }

  async warmUp(options: CallOptions = {}): Promise<void> {
    await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: WARM_UP_KEY }), {
      abortSignal: options.abortSignal,
    });
  }
}
