import {
  CONTRACT_RETENTION_DAYS,
  describeUpstreamFindingsStoreContract,
} from '../../support/contracts/upstream-report-store';
import { FakeUpstreamFindingsStore } from '../../support/fakes/upstream-report-store';

describeUpstreamFindingsStoreContract(
  'in-memory fake',
  async () => new FakeUpstreamFindingsStore({ retentionDays: CONTRACT_RETENTION_DAYS }),
);
