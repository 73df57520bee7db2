import { describeSignInLogContract } from '../../support/contracts/sign-in-log';
import { FakeSignInLog } from '../../support/fakes/sign-in-log';

describeSignInLogContract('in-memory fake', async () => new FakeSignInLog());
