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
