import {
  CONTRACT_RETENTION_DAYS,
  describeUpstreamReportStoreContract,
} from '../../support/contracts/upstream-report-store';
import { FakeUpstreamReportStore } from '../../support/fakes/upstream-report-store';

describeUpstreamReportStoreContract(
  'in-memory fake',
  async () => new FakeUpstreamReportStore({ retentionDays: CONTRACT_RETENTION_DAYS }),
);
