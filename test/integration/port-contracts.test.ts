/** The port contracts the in-memory fakes are held to, run against the real DynamoDB adapters. */
import { DynamoActivityStore } from '../../src/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { DynamoUpstreamReportStore } from '../../src/adapters/dynamodb/upstream-report-store';
import { describeActivityStoreContract } from '../support/contracts/activity-store';
import { describeNotificationLedgerContract } from '../support/contracts/notification-ledger';
import {
  CONTRACT_RETENTION_DAYS,
  describeUpstreamReportStoreContract,
} from '../support/contracts/upstream-report-store';
import { createTestTable } from '../support/dynamodb';

const client = createDocumentClient();

describeNotificationLedgerContract(
  'DynamoDB Local',
  async () => new DynamoNotificationLedger(client, await createTestTable('ledger-contract')),
);
describeActivityStoreContract(
  'DynamoDB Local',
  async () =>
    new DynamoActivityStore(client, {
      tableName: await createTestTable('activity-contract'),
      retentionDays: 35,
    }),
);
describeUpstreamReportStoreContract(
  'DynamoDB Local',
  async () =>
    new DynamoUpstreamReportStore(client, {
      tableName: await createTestTable('report-contract'),
      retentionDays: CONTRACT_RETENTION_DAYS,
    }),
);
