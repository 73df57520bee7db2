/**
 * The scheduled report through its real adapters: DynamoDB Local (activity and ledger), the real
 * @slack/web-api client against the fake Slack (chat.postMessage and the three files.uploadV2 calls),
 * and the CloudWatch and Cognito stand-ins.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildReportDeps } from '../../../functions/report/deps';
import { readableText } from '../../../local/stand-ins/block-kit';
import { captureOutput } from '../../../local/stand-ins/emf';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { createDocumentClient } from '../../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../../src/adapters/dynamodb/sign-in-log';
import { type ChartRenderer, runReport } from '../../../src/reports';
import { fixedClock } from '../../../src/shared/clock';
import { deadlineIn } from '../../../src/shared/deadline';
import { createTestTable } from '../../support/dynamodb';
import { jobEnv, useJobStandIns } from '../../support/job-stand-ins';
import { readPng } from '../../support/png';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const HOUR = 3_600_000;
// Monday 23 Nov 2026 09:00 in Tokyo reports the week of Mon 16 Nov (Tokyo days).
const RUN_AT = Date.parse('2026-11-23T00:00:00Z');
const WEEK_START = Date.parse('2026-11-15T15:00:00Z');

// Rendering the first chart of a process loads Vega and the WebAssembly module: generous ceilings.
describe('Use case: runReport (DynamoDB Local, fake Slack with files.uploadV2, CloudWatch and Cognito stand-ins)', {
  timeout: 120_000,
}, () => {
  const documentClient = createDocumentClient();
  const standIns = useJobStandIns();
  let tableName: string;

  beforeAll(() => {
    standIns.cognito.addClient(cognitoFixture('describe-user-pool-client'));
  });
  beforeEach(async () => {
    tableName = await createTestTable('report');
    standIns.slack.messages.length = 0;
    standIns.slack.files.length = 0;
    standIns.slack.calls.length = 0;
    standIns.cloudwatch.calls.length = 0;
  });

  function env(): Record<string, string> {
    return jobEnv(
      standIns,
      { tableName, userPoolId: POOL, clientId: CLIENT },
      { REPORT_IDENTITY: 'username', REPORT_TIMEZONE: 'Asia/Tokyo', REPORT_CHANNEL: 'C0REPORTS' },
    );
  }

  /** Each user signs in every hour from 09:00 for 6 hours on the week's first three days. */
  async function recordWeek(users: string[]): Promise<void> {
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of users) {
      for (let day = 0; day < 3; day += 1) {
        for (let hour = 0; hour <= 6; hour += 1) {
          await log.append({
            at: WEEK_START + (day * 24 + 9 + hour) * HOUR,
            kind: 'login',
            triggerSource: 'TokenGeneration_HostedAuth',
            userPoolId: POOL,
            clientId: CLIENT,
            user: `sub-${user}`,
            username: user,
          });
        }
      }
    }
  }

  function reportAt(at: number, chart?: ChartRenderer) {
    const deps = buildReportDeps(env());
    const clock = fixedClock(new Date(at));
    return runReport({ ...deps, ...(chart ? { chart } : {}), clock });
  }

  const runAt = (at: number, chart?: ChartRenderer) => captureOutput(() => reportAt(at, chart));
  const logged = (output: { logs: unknown[] }, text: string) => JSON.stringify(output.logs).includes(text);

  it('should post the report once per period, with the chart uploaded into its thread', async () => {
    await recordWeek(['ann', 'ben']);

    const first = await runAt(RUN_AT);
    const again = await runAt(RUN_AT + HOUR);

    expect(first.result).toEqual({
      periodStart: '2026-11-15T15:00:00.000Z',
      report: 'sent',
      chart: 'uploaded',
    });
    expect(again.result).toMatchObject({ report: 'not-due', chart: 'not-sent' });
    expect(standIns.slack.calls).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [message] = standIns.slack.messages;
    expect(message?.channel).toBe('C0REPORTS');
    const text = readableText(message?.blocks ?? []);
    expect(text).toContain('Argo CD sign-ins, week of Mon, 16 Nov 2026 (Asia/Tokyo)');
    // 2 users × 3 days × 7 hourly sign-ins: each day's first starts a session (24 h after the last start).
    expect(text).toMatch(/Sign-ins\s+42\s+0\s+\+42 \(new\)/);
    expect(text).toMatch(/Re-logins\s+36\s+0\s+\+36 \(new\)/);
    expect(text).toContain('• ann: 18 re-logins, heavy on 3 days, median every 1 h');
    const [file] = standIns.slack.files;
    expect(file).toMatchObject({ filename: 'relogins.png', channel: 'C0REPORTS', threadTs: message?.ts });
    expect(readPng(file?.bytes ?? new Uint8Array()).distinctValues).toBeGreaterThan(50);
  });

  it('should post only once when two runs overlap', async () => {
    await recordWeek(['ann']);
    // The first post is slow, so the other run tries to claim while it is in flight.
    standIns.slack.answerNext({ kind: 'slow', delayMs: 2_000 });
    const { result: results } = await captureOutput(() => Promise.all([reportAt(RUN_AT), reportAt(RUN_AT)]));
    expect(results.map((result) => result.report).sort()).toEqual(['claimed-elsewhere', 'sent']);
    expect(standIns.slack.messages).toHaveLength(1);
    expect(standIns.slack.files).toHaveLength(1);
  });

  it('should send the text without the chart when the chart cannot be made, and count the failure', async () => {
    const broken: ChartRenderer = { renderPng: () => Promise.reject(new Error('no font')) };

    const { result, output } = await runAt(RUN_AT, broken);

    expect(result).toMatchObject({ report: 'sent', chart: 'not-made' });
    expect(standIns.slack.messages).toHaveLength(1);
    expect(standIns.slack.calls).toEqual(['chat.postMessage']);
    expect(logged(output, 'could not make the report chart')).toBe(true);
    const failures = standIns.cloudwatch.putData().filter((datum) => datum.name === 'ReportChartFailures');
    expect(failures.map((datum) => [datum.value, datum.dimensions])).toEqual([[1, { UserPoolId: POOL }]]);
  });

  it('should not start the chart upload when it cannot finish before the deadline, and count it', async () => {
    // 40 s left: time for the post (at most 32 s), not for the upload's three calls.
    const deps = buildReportDeps(env());
    const clock = fixedClock(new Date(RUN_AT));
    const { result, output } = await captureOutput(() =>
      runReport({ ...deps, clock }, { deadline: deadlineIn(clock, 40_000) }),
    );

    expect(result).toMatchObject({ report: 'sent', chart: 'not-uploaded' });
    expect(standIns.slack.calls).toEqual(['chat.postMessage']);
    expect(logged(output, 'out of time')).toBe(true);
    expect(
      standIns.cloudwatch.putData().filter((datum) => datum.name === 'ReportChartFailures'),
    ).toHaveLength(1);
  });

  it('should keep the report as sent when Slack refuses the upload, and count the failure', async () => {
    standIns.slack.failNextUpload('missing_scope');

    const { result, output } = await runAt(RUN_AT);
    const again = await runAt(RUN_AT + HOUR);

    expect(result).toMatchObject({ report: 'sent', chart: 'not-uploaded' });
    expect(again.result.report).toBe('not-due');
    expect(standIns.slack.messages).toHaveLength(1);
    expect(logged(output, 'files:write')).toBe(true);
    expect(
      standIns.cloudwatch.putData().filter((datum) => datum.name === 'ReportChartFailures'),
    ).toHaveLength(1);
  });
});
