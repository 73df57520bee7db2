/**
 * UpstreamFindingsStore on the single table: one item (`table-layout.ts`), replaced by every
 * complete check. It expires `retentionDays` after the check, so advice never rests on a report from a
 * watcher that stopped running long ago: `latest` ignores an expired item itself, because DynamoDB's TTL
 * deletes it only eventually (typically within 48 h).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UpstreamFindings, UpstreamFindingsStore } from '../../upstream';
import { decodeUpstreamFindings, encodeUpstreamFindings, UPSTREAM_REPORT_KEY } from './table-layout';

export class DynamoUpstreamFindingsStore implements UpstreamFindingsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; retentionDays: number },
  ) {}

  async latest(now: number): Promise<UpstreamFindings | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: UPSTREAM_REPORT_KEY, ConsistentRead: true }),
    );
    const stored = decodeUpstreamFindings(Item);
    if (stored === undefined) return null;
    // TTL semantics: expired once `expiresAt` (epoch seconds) is not after now.
    if (stored.expiresAt * 1000 <= now) return null;
    return stored.report;
  }

  async save(findings: UpstreamFindings): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: encodeUpstreamFindings(findings, this.options.retentionDays),
      }),
    );
  }
}
