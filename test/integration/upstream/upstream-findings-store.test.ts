/** The upstream report item on DynamoDB Local: replaced by every check, never used once expired. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../src/adapters/dynamodb/client';
import { DynamoUpstreamFindingsStore } from '../../../src/adapters/dynamodb/upstream-findings-store';
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import { createTestTable } from '../../support/dynamodb';

const DAY = 86_400_000;
const CHECKED_AT = Date.parse('2026-11-01T06:00:00Z');
const KEY = { pk: 'UPSTREAM#report', sk: 'LATEST' };

function report(checkedAt: number, deployedVersion = 'v3.3.14'): UpstreamFindings {
  return {
    deployedVersion,
    checkedAt,
    fixes: [
      {
        id: 'argocd-oidc-refresh',
        title: 'refresh',
        merged: true,
        fixedIn: ['v3.4.6', 'v3.5.0'],
        fixedInPrerelease: ['v3.5.0-rc3'],
        deployedHasFix: false,
        upgradeTo: 'v3.4.6',
      },
    ],
  };
}

let tableName: string;
let store: DynamoUpstreamFindingsStore;

beforeEach(async () => {
  tableName = await createTestTable('upstream-report');
  store = new DynamoUpstreamFindingsStore(createDocumentClient(), { tableName, retentionDays: 35 });
});

describe('Class: DynamoUpstreamFindingsStore', () => {
  it('should answer null before any check, and the latest report after one', async () => {
    expect(await store.latest(CHECKED_AT)).toBeNull();

    await store.save(report(CHECKED_AT));
    await store.save(report(CHECKED_AT + DAY, 'v3.4.6'));

    expect(await store.latest(CHECKED_AT + DAY)).toEqual(report(CHECKED_AT + DAY, 'v3.4.6'));
  });

  it('should ignore a report past its expiresAt that the TTL has not deleted yet', async () => {
    await store.save(report(CHECKED_AT));
    const { Item } = await createDocumentClient().send(new GetCommand({ TableName: tableName, Key: KEY }));
    const expiresAtMs = (Item?.expiresAt as number) * 1000;
    expect(expiresAtMs).toBe(CHECKED_AT + 35 * DAY);

    // DynamoDB Local never deletes by TTL; the item is still there, as on AWS for up to ~48 h.
    expect(await store.latest(expiresAtMs - 1000)).toEqual(report(CHECKED_AT));
    expect(await store.latest(expiresAtMs)).toBeNull();
    expect(await store.latest(expiresAtMs + 47 * 3_600_000)).toBeNull();
  });
});
