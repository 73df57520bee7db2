/** The port contracts the in-memory fakes are held to, run against the real DynamoDB adapters. */
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { describeNotificationLedgerContract } from '../support/contracts/notification-ledger';
import { describeSignInLogContract } from '../support/contracts/sign-in-log';
import {
  CONTRACT_RETENTION_DAYS,
  describeUpstreamFindingsStoreContract,
} from '../support/contracts/upstream-findings-store';
import { createTestTable } from '../support/dynamodb';

const client = createDocumentClient();

describeNotificationLedgerContract(
  'DynamoDB Local',
  async () => new DynamoNotificationLedger(client, await createTestTable('ledger-contract')),
);
describeSignInLogContract(
  'DynamoDB Local',
  async () =>
    new DynamoSignInLog(client, {
      tableName: await createTestTable('sign-in-log-contract'),
      retentionDays: 35,
    }),
);
describeUpstreamFindingsStoreContract(
  'DynamoDB Local',
  async () =>
    new DynamoUpstreamFindingsStore(client, {
      tableName: await createTestTable('report-contract'),
      retentionDays: CONTRACT_RETENTION_DAYS,
    }),
);
