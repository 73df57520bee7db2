import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cognitoFixture, SHARED_FIXTURES } from '../../../local/stand-ins/fixtures';
import { FIXTURE_CLIENT_SECRET } from '../../support/app-clients';
import { runCli } from '../../support/cli';

const SAMPLE = 'samples/team-week.jsonl';
const CLIENT_CONFIG = `${SHARED_FIXTURES}cognito/describe-user-pool-client.json`;

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'analyze-advice-')), name);
  writeFileSync(path, content);
  return path;
}

async function adviceOf(args: string[]) {
  const { code, stdout, stderr } = await runCli(['analyze', '--events', SAMPLE, '--json', ...args]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return (JSON.parse(stdout) as { advice?: Record<string, unknown>[] }).advice;
}

describe('Command: relogin-monitor analyze --client-config / --proposed-validity-hours', () => {
  it('should add the advice for the shipped team week on the 1 h fixture client', async () => {
    // Act
    const advice = await adviceOf(['--client-config', CLIENT_CONFIG]);

    // Assess
    expect(advice?.map((item) => [item.id, item.severity])).toEqual([
      ['upgrade-argocd', 'warning'],
      ['extend-token-validity', 'warning'],
    ]);
    const extend = advice?.[1];
    expect(extend).toMatchObject({ idTokenValidityMinutes: 60, proposedValidityHours: 8 });
    expect(extend?.reLoginsPerUserDayNow).toBeGreaterThan(3);
    expect(extend?.predictedReLoginsPerUserDay).toBeLessThan(extend?.reLoginsPerUserDayNow as number);
    expect(advice?.[0]?.suggestedRefreshTokenThreshold).toBe('15m');
  });

  it('should give the exact what-if figures of a hand-made event file, one user-day per working period', async () => {
    // Prepare: 1 h tokens, a sign-in every hour. alice (Tokyo hours, starting before 09:00 JST) works
    // 23:30-07:30 UTC (a session start and 8 re-logins, 480 min), then, 16 h 15 min later (a new
    // session and user-day), 23:45-03:45 UTC (a session start and 4 re-logins, 240 min). bob works
    // 01:00-05:00 UTC (a session start and 4 re-logins, 240 min).
    const login = cognitoFixture('pre-token-v1-hosted-auth');
    const request = login.request as { userAttributes: Record<string, string> };
    const bob = {
      ...login,
      userName: 'bob',
      request: {
        ...request,
        userAttributes: {
          ...request.userAttributes,
          sub: '0b6c3a5e-2222-4f3a-9c1e-5a7d2f9e0002',
          email: 'bob@example.com',
        },
      },
    };
    const hourly = (event: unknown, start: string, signIns: number) =>
      Array.from({ length: signIns }, (_, hour) =>
        JSON.stringify({ at: new Date(Date.parse(start) + hour * 3_600_000).toISOString(), event }),
      );
    const events = tempFile(
      'events.jsonl',
      [
        ...hourly(login, '2026-11-19T23:30:00Z', 9),
        ...hourly(bob, '2026-11-20T01:00:00Z', 5),
        ...hourly(login, '2026-11-20T23:45:00Z', 5),
      ].join('\n'),
    );
    const adviceOn = async (extra: string[]) => {
      const { code, stdout, stderr } = await runCli([
        'analyze',
        '--events',
        events,
        '--json',
        '--client-config',
        CLIENT_CONFIG,
        ...extra,
      ]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      return (JSON.parse(stdout) as { advice: Record<string, unknown>[] }).advice[1];
    };

    // Act
    const at8 = await adviceOn([]);
    const at2 = await adviceOn(['--proposed-validity-hours', '2']);

    // Assess: 3 user-days; now (8 + 4 + 4) / 3 = 5.33; at 8 h (floor(480 / 480) + floor(240 / 480) +
    // floor(240 / 480)) / 3 = 1 / 3 = 0.33; at 2 h (floor(480 / 120) + 2 + 2) / 3 = 8 / 3 = 2.67.
    // (By UTC date it was 4 user-days, alice's 20th spanning 00:30-23:45: now 4, at 8 h 0.5.)
    expect(at8).toMatchObject({
      id: 'extend-token-validity',
      observedUserDays: 3,
      reLoginsPerUserDayNow: 5.33,
      predictedReLoginsPerUserDay: 0.33,
    });
    expect(at8?.text).toContain(
      'Over 3 observed user-days that is 5.3 re-logins per user per day now, about 0.3 at 8 h.',
    );
    expect(at2).toMatchObject({
      observedUserDays: 3,
      reLoginsPerUserDayNow: 5.33,
      predictedReLoginsPerUserDay: 2.67,
    });
  });

  it('should predict more re-logins at a shorter proposed validity', async () => {
    // Act
    const at8 = (await adviceOf(['--client-config', CLIENT_CONFIG]))?.[1];
    const at2 = (await adviceOf(['--client-config', CLIENT_CONFIG, '--proposed-validity-hours', '2']))?.[1];

    // Assess
    expect(at2).toMatchObject({ proposedValidityHours: 2 });
    expect(at2?.predictedReLoginsPerUserDay).toBeGreaterThan(at8?.predictedReLoginsPerUserDay as number);
    expect(at2?.reLoginsPerUserDayNow).toBe(at8?.reLoginsPerUserDayNow);
  });

  it('should leave the output unchanged without the options', async () => {
    expect(await adviceOf([])).toBeUndefined();
  });

  it('should advise undoing a stretched validity once refresh is seen and nobody is heavy', async () => {
    // Prepare
    const stretched = tempFile(
      'client.json',
      JSON.stringify({
        UserPoolClient: {
          UserPoolId: 'ap-northeast-1_EXAMPLE',
          ClientId: 'argocdclient0example0000001',
          IdTokenValidity: 8,
          AccessTokenValidity: 8,
          TokenValidityUnits: { IdToken: 'hours' },
        },
      }),
    );
    const login = cognitoFixture('pre-token-v1-hosted-auth');
    const refresh = cognitoFixture('pre-token-v2-refresh');
    const events = tempFile(
      'events.jsonl',
      [
        JSON.stringify({ at: '2026-11-20T09:00:00Z', event: login }),
        JSON.stringify({
          at: '2026-11-20T12:00:00Z',
          event: { ...refresh, callerContext: login.callerContext },
        }),
      ].join('\n'),
    );

    // Act
    const { stdout } = await runCli(['analyze', '--events', events, '--json', '--client-config', stretched]);

    // Assess
    expect(JSON.parse(stdout).advice).toEqual([
      expect.objectContaining({ id: 'revert-token-validity', idTokenValidityMinutes: 480, refreshes: 1 }),
    ]);
  });

  it('should print the advice under the table', async () => {
    // Act
    const { stdout } = await runCli(['analyze', '--events', SAMPLE, '--client-config', CLIENT_CONFIG]);

    // Assess
    expect(stdout).toContain('\nAdvice:\n- [warning] upgrade-argocd: The real fix');
    expect(stdout).toContain('- [warning] extend-token-validity: Stop-gap');
  });

  it('should print the argocd-cm YAML, the Terraform diff and the update-user-pool-client document, never the secret', async () => {
    // Act
    const { stdout } = await runCli(['analyze', '--events', SAMPLE, '--client-config', CLIENT_CONFIG]);

    // Assess
    expect(stdout).toContain(
      '  `argocd-cm` (`kubectl -n <argocd namespace> edit configmap argocd-cm`):\n    data:\n      oidc.config: |\n',
    );
    expect(stdout).toContain(
      [
        '  Terraform (`aws_cognito_user_pool_client`):',
        '     resource "aws_cognito_user_pool_client" "argocd" {',
        '       # app client argocdclient0example0000001 of user pool ap-northeast-1_EXAMPLE; every other argument stays as it is',
        '    -  id_token_validity     = 1',
        '    +  id_token_validity     = 8',
      ].join('\n'),
    );
    expect(stdout).toContain(
      '  Or with the AWS CLI: save this as argocd-app-client.json, then run `aws cognito-idp update-user-pool-client --cli-input-json file://argocd-app-client.json`:\n    {\n      "UserPoolId": "ap-northeast-1_EXAMPLE",',
    );
    expect(stdout).not.toContain(FIXTURE_CLIENT_SECRET);
    expect(stdout).not.toContain('CreationDate');
  });

  it('should carry the same documents in the JSON, without the secret', async () => {
    // Act
    const advice = await adviceOf(['--client-config', CLIENT_CONFIG]);

    // Assess
    const change = advice?.[1]?.clientChange as { cliInputJson: string; terraform: string };
    expect(JSON.parse(change.cliInputJson)).toMatchObject({
      ClientId: 'argocdclient0example0000001',
      IdTokenValidity: 8,
    });
    expect(change.terraform).toContain('+  access_token_validity = 8');
    expect(advice?.[0]?.argocdCm).toContain('refreshTokenThreshold: 15m');
    expect(JSON.stringify(advice)).not.toContain(FIXTURE_CLIENT_SECRET);
  });

  it('should explain bad values with exit code 2', async () => {
    const notAResponse = tempFile('bad.json', '{"ClientId": "x"}');
    expect(await runCli(['analyze', '--events', SAMPLE, '--proposed-validity-hours', '25'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--proposed-validity-hours must be at most 24'),
    });
    expect(await runCli(['analyze', '--events', SAMPLE, '--client-config', notAResponse])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'UserPoolClient is missing: expected a DescribeUserPoolClient response',
      ),
    });
    const withoutIds = tempFile('no-ids.json', JSON.stringify({ UserPoolClient: { IdTokenValidity: 1 } }));
    expect(await runCli(['analyze', '--events', SAMPLE, '--client-config', withoutIds])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        `--client-config ${withoutIds}: UserPoolClient.UserPoolId is missing; UserPoolClient.ClientId is missing`,
      ),
    });
    expect(await runCli(['analyze', '--events', SAMPLE, '--client-config', 'missing.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read --client-config missing.json: ENOENT'),
    });
  });
});
