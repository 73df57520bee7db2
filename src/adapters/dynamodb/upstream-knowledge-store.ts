/**
 * UpstreamKnowledgeStore on the single table: one item (`table-layout.ts`) holding the
 * knowledge as a JSON string (compact, and free of DynamoDB's empty-set and number-key quirks) with a
 * schema number, so a later format starts from scratch instead of misreading an old one. No TTL: losing
 * it only costs requests, but keeping it is what makes a rate-limited run resumable.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UpstreamKnowledgeStore } from '../../upstream';
import { emptyKnowledge, type Knowledge } from '../../upstream';

import { decodeUpstreamKnowledge, encodeUpstreamKnowledge, UPSTREAM_KNOWLEDGE_KEY } from './table-layout';

export class DynamoUpstreamKnowledgeStore implements UpstreamKnowledgeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(): Promise<Knowledge> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: UPSTREAM_KNOWLEDGE_KEY, ConsistentRead: true }),
    );
    const knowledge = decodeUpstreamKnowledge(Item);
    return knowledge ?? emptyKnowledge();
  }

  async save(knowledge: Knowledge): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: encodeUpstreamKnowledge(knowledge),
      }),
    );
  }
}
