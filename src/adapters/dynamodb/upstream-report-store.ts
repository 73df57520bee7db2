/**
 * UpstreamReportStore on the single table: one item `UPSTREAM#report` / `LATEST`, replaced by every
 * complete check. It expires `retentionDays` after the check, so advice never rests on a report from a
 * watcher that stopped running long ago: `latest` ignores an expired item itself, because DynamoDB's TTL
 * deletes it only eventually (typically within 48 h).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UpstreamReport, UpstreamReportStore } from '../../upstream';
import { expiresAt } from './table-schema';

const UPSTREAM_REPORT_KEY = { pk: 'UPSTREAM#report', sk: 'LATEST' } as const;

export class DynamoUpstreamReportStore implements UpstreamReportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; retentionDays: number },
  ) {}

  async latest(now: number): Promise<UpstreamReport | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: UPSTREAM_REPORT_KEY, ConsistentRead: true }),
    );
    if (Item === undefined) return null;
    // TTL semantics: expired once `expiresAt` (epoch seconds) is not after now.
    if (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 <= now) return null;
    return (Item.report as UpstreamReport | undefined) ?? null;
  }

  async save(report: UpstreamReport): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          ...UPSTREAM_REPORT_KEY,
          report,
          expiresAt: expiresAt(report.checkedAt, this.options.retentionDays),
        },
      }),
    );
  }
}
