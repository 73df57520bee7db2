/**
 * The scheduled jobs' outside world for one test file: the fake Slack Web API and the CloudWatch and
 * Cognito stand-ins, started once, with the SDK's standard endpoint settings pointed at them for the
 * file's duration (the jobs' deps build their own clients from the environment). Call inside `describe`.
 */
import { afterAll, beforeAll } from 'vitest';
import { type FakeCloudWatch, startFakeCloudWatch } from '../../local/stand-ins/fake-cloudwatch';
import { type FakeCognito, startFakeCognito } from '../../local/stand-ins/fake-cognito';
import { type FakeSlack, startFakeSlack } from '../../local/stand-ins/fake-slack';
import { overrideEnv } from '../../local/stand-ins/local-aws';

export interface JobStandIns {
  slack: FakeSlack;
  cloudwatch: FakeCloudWatch;
  cognito: FakeCognito;
}

export function useJobStandIns(): JobStandIns {
  const standIns = {} as JobStandIns;
  let restoreEnv = () => {};
  beforeAll(async () => {
    [standIns.slack, standIns.cloudwatch, standIns.cognito] = await Promise.all([
      startFakeSlack(),
      startFakeCloudWatch(),
      startFakeCognito(),
    ]);
    restoreEnv = overrideEnv({
      AWS_ENDPOINT_URL_CLOUDWATCH: standIns.cloudwatch.url,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: standIns.cognito.url,
    });
  });
  afterAll(async () => {
    restoreEnv();
    await Promise.all([standIns.slack.close(), standIns.cloudwatch.close(), standIns.cognito.close()]);
  });
  return standIns;
}

/** What every job needs to reach the stand-ins and the table, plus the test's own settings. */
export function jobEnv(
  standIns: JobStandIns,
  common: { tableName: string; userPoolId: string; clientId: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    TABLE_NAME: common.tableName,
    USER_POOL_ID: common.userPoolId,
    ARGOCD_CLIENT_IDS: common.clientId,
    AWS_REGION: 'ap-northeast-1',
    REPORT_HASH_KEY: 'test-key',
    METRICS_NAMESPACE: 'Test/Auth',
    SLACK_TOKEN: 'xoxb-local',
    SLACK_CHANNEL: 'C0ALERTS',
    SLACK_API_URL: standIns.slack.apiUrl,
    ...extra,
  };
}

/**
 * Cognito's own hourly counts for one app client, as the CloudWatch stand-in answers GetMetricData:
 * what a test's users do in Cognito is counted there too, so the check's self-check compares a
 * consistent world (cognito-local publishes no metrics).
 */
export class CognitoCounts {
  private readonly hours = {
    SignInSuccesses: new Map<number, number>(),
    TokenRefreshSuccesses: new Map<number, number>(),
  };

  constructor(
    private readonly cloudwatch: FakeCloudWatch,
    private readonly scope: { userPoolId: string; clientId: string },
  ) {
    this.publish();
  }

  count(metric: keyof CognitoCounts['hours'], at: number, value = 1): void {
    const hour = Math.floor(at / 3_600_000) * 3_600_000;
    this.hours[metric].set(hour, (this.hours[metric].get(hour) ?? 0) + value);
    this.publish();
  }

  private publish(): void {
    const dimensions = { UserPool: this.scope.userPoolId, UserPoolClient: this.scope.clientId };
    for (const [metric, hours] of Object.entries(this.hours)) {
      const points = [...hours].map(([at, value]) => ({ at, value }));
      this.cloudwatch.setSeries('AWS/Cognito', metric, dimensions, points);
    }
  }
}
