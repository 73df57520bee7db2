import { describeActivityStoreContract } from '../../support/contracts/activity-store';
import { FakeActivityStore } from '../../support/fakes/activity-store';

describeActivityStoreContract('in-memory fake', async () => new FakeActivityStore());
