import { describeNotificationLedgerContract } from '../../support/contracts/notification-ledger';
import { FakeNotificationLedger } from '../../support/fakes/notification-ledger';

describeNotificationLedgerContract('in-memory fake', async () => new FakeNotificationLedger());
