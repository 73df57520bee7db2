/** The port contracts the in-memory fakes are held to, run against the real DynamoDB adapters. */
import { DynamoActivityStore } from '../../src/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { describeActivityStoreContract } from '../support/contracts/activity-store';
import { describeNotificationLedgerContract } from '../support/contracts/notification-ledger';
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
