import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { cognitoFixture, SHARED_FIXTURES } from '../../support/fixtures';

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

  it('should explain bad values with exit code 2', async () => {
    const notAResponse = tempFile('bad.json', '{"ClientId": "x"}');
    expect(await runCli(['analyze', '--events', SAMPLE, '--proposed-validity-hours', '25'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        '--proposed-validity-hours must be a number of hours above 0 and at most 24',
      ),
    });
    expect(await runCli(['analyze', '--events', SAMPLE, '--client-config', notAResponse])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('expected a DescribeUserPoolClient response'),
    });
    expect(await runCli(['analyze', '--events', SAMPLE, '--client-config', 'missing.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read --client-config missing.json: ENOENT'),
    });
  });
});
