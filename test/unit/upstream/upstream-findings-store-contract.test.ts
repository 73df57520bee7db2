import {
  CONTRACT_RETENTION_DAYS,
  describeUpstreamFindingsStoreContract,
} from '../../support/contracts/upstream-findings-store';
import { FakeUpstreamFindingsStore } from '../../support/fakes/upstream-findings-store';

describeUpstreamFindingsStoreContract(
  'in-memory fake',
  async () => new FakeUpstreamFindingsStore({ retentionDays: CONTRACT_RETENTION_DAYS }),
);
