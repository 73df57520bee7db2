/**
 * SessionCheckpointStore on the single table: a checkpoint is gzip-compressed JSON split into chunks
 * under DynamoDB's 400 KB item limit (10,000 users with open sessions: about 1.3 MB of JSON, one or two
 * chunks compressed), items `CHECKPOINT#<len>:<pool>` / `<ISO at>#<chunk>`, each saying how many chunks
 * its checkpoint has. The reader takes the newest checkpoint whose chunks are all there, so a run that
 * died half-way through a save leaves the previous one in use. Items expire after CHECKPOINT_TTL_DAYS.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import {
  SESSION_CHECKPOINT_SCHEMA,
  type SessionCheckpoint,
  type SessionCheckpointStore,
} from '../../relogins';
import { finiteNumber, parseWith } from '../../shared/validation';
import { BadItemError, expiresAt, keyPart } from './table-layout';

const nullableTime = v.nullable(finiteNumber);
const CHECKPOINT = v.object({
  schema: v.literal(SESSION_CHECKPOINT_SCHEMA),
  at: finiteNumber,
  states: v.record(
    v.string(),
    v.object({ lastLoginAt: nullableTime, lastRefreshAt: nullableTime, sessionStartedAt: nullableTime }),
  ),
}) satisfies v.GenericSchema<unknown, SessionCheckpoint>;

const CHUNK_BYTES = 350_000;
/** Only the newest is read; a few days cover runs that failed to save. */
const CHECKPOINT_TTL_DAYS = 3;
/** Chunks read back at most when looking for the newest complete checkpoint. */
const NEWEST_CHUNKS = 25;

function partition(userPoolId: string): string {
  return `CHECKPOINT#${keyPart(userPoolId)}`;
}

export class DynamoSessionCheckpointStore implements SessionCheckpointStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async latest(userPoolId: string): Promise<SessionCheckpoint | null> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition(userPoolId) },
        ScanIndexForward: false,
        Limit: NEWEST_CHUNKS,
      }),
    );
    const byAt = new Map<number, { chunks: number; parts: Map<number, Uint8Array> }>();
    for (const item of Items) {
      if (item.schema !== SESSION_CHECKPOINT_SCHEMA) continue;
      const entry = byAt.get(item.at as number) ?? { chunks: item.chunks as number, parts: new Map() };
      entry.parts.set(item.chunk as number, item.data as Uint8Array);
      byAt.set(item.at as number, entry);
    }
    const complete = [...byAt]
      .filter(([, entry]) => entry.parts.size === entry.chunks)
      .sort(([a], [b]) => b - a);
    const newest = complete[0];
    if (newest === undefined) return null;
    const [at, { chunks, parts }] = newest;
    const zipped = Buffer.concat(
      Array.from({ length: chunks }, (_, index) => parts.get(index) as Uint8Array),
    );
    const key = { pk: partition(userPoolId), sk: new Date(at).toISOString() };
    let parsed: unknown;
    try {
      parsed = JSON.parse((await promisify(gunzip)(zipped)).toString('utf8'));
    } catch (error) {
      throw new BadItemError(key, `checkpoint is not gzip JSON (${(error as Error).message})`);
    }
    return parseWith(CHECKPOINT, parsed, (message) => new BadItemError(key, message), 'checkpoint');
  }

  async save(userPoolId: string, checkpoint: SessionCheckpoint): Promise<void> {
    const zipped = await promisify(gzip)(JSON.stringify(checkpoint));
    const chunks = Math.max(1, Math.ceil(zipped.length / CHUNK_BYTES));
    const iso = new Date(checkpoint.at).toISOString();
    const items = Array.from({ length: chunks }, (_, chunk) => ({
      pk: partition(userPoolId),
      sk: `${iso}#${String(chunk).padStart(3, '0')}`,
      schema: SESSION_CHECKPOINT_SCHEMA,
      at: checkpoint.at,
      chunk,
      chunks,
      data: zipped.subarray(chunk * CHUNK_BYTES, (chunk + 1) * CHUNK_BYTES),
      expiresAt: expiresAt(checkpoint.at, CHECKPOINT_TTL_DAYS),
    }));
    // A BatchWrite takes 25 items and 16 MB; unprocessed ones are sent again.
    for (let start = 0; start < items.length; start += 25) {
      let requests: Record<string, unknown>[] | undefined = items
        .slice(start, start + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      while (requests !== undefined && requests.length > 0) {
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  }
}
