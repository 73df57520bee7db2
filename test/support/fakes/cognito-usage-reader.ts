/**
 * In-memory CognitoUsageReader: Cognito's per-client counts as set by the test, zero for a client it
 * has no datapoints for (as CloudWatch answers), failing when scripted.
 */
import type { CognitoUsage } from '../../../src/relogins/domain/relogin-assessment';
import type { CognitoUsageReader } from '../../../src/relogins/ports/cognito-usage';
import { FakePort, type Timeline } from './script';

type Scope = { userPoolId: string; clientId: string };

export class FakeCognitoUsageReader extends FakePort<'read'> implements CognitoUsageReader {
  private readonly usage = new Map<string, CognitoUsage>();

  constructor(timeline?: Timeline) {
    super('cognitoUsage', timeline);
  }

  set(scope: Scope, usage: CognitoUsage): this {
    this.usage.set(JSON.stringify([scope.userPoolId, scope.clientId]), usage);
    return this;
  }

  async read(scope: Scope, from: number, to: number): Promise<CognitoUsage> {
    await this.enter('read', [scope, from, to]);
    const found = this.usage.get(JSON.stringify([scope.userPoolId, scope.clientId]));
    return { ...(found ?? { signInSuccesses: 0, tokenRefreshSuccesses: 0 }) };
  }
}
