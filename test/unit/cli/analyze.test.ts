import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cognitoFixture, SHARED_FIXTURES } from '../../../local/stand-ins/fixtures';
import { runBin, runCli } from '../../support/cli';
import { englishRuns } from '../../support/english-prose';

const SAMPLE = 'samples/team-week.jsonl';
const CLIENT_CONFIG = `${SHARED_FIXTURES}cognito/describe-user-pool-client.json`;
const ARGOCD = 'argocdclient0example0000001';

function eventFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'analyze-')), 'events.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function line(at: string, event: unknown): string {
  return JSON.stringify({ at, event });
}

const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth');
const postAuth = cognitoFixture('post-authentication');
const refresh = cognitoFixture('pre-token-v2-refresh');

describe('Command: relogin-monitor analyze', () => {
  it('should report the shipped team week: every user re-logging in about hourly, most of them heavy', async () => {
    // Act
    const { code, stdout } = await runCli(['analyze', '--events', SAMPLE, '--json']);

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      'totals',
      'users',
      'heavyUsers',
      'duplicateEvents',
      'ignoredEvents',
    ]);
    expect(report.totals.activeUsers).toBe(12);
    expect(report.totals.refreshes).toBe(0);
    expect(report.totals.logins).toBe(
      report.users.reduce((sum: number, user: { logins: number }) => sum + user.logins, 0),
    );
    for (const user of report.users) {
      expect(user.medianReLoginIntervalMinutes).toBeGreaterThan(60);
      expect(user.medianReLoginIntervalMinutes).toBeLessThan(90);
    }
    expect(report.heavyUsers.length).toBeGreaterThan(6);
  });

  it('should count one sign-in that fires both triggers once, and a refresh apart', async () => {
    // Prepare
    const path = eventFile([
      line('2026-11-20T09:00:00.000Z', postAuth),
      line('2026-11-20T09:00:00.300Z', { ...postAuth, triggerSource: 'TokenGeneration_HostedAuth' }),
      line('2026-11-20T10:05:00Z', { ...postAuth, triggerSource: 'TokenGeneration_HostedAuth' }),
      line('2026-11-20T10:30:00Z', { ...refresh, userName: 'bob', request: postAuth.request }),
    ]);

    // Act
    const { stdout } = await runCli(['analyze', '--events', path, '--json']);

    // Assess
    expect(JSON.parse(stdout)).toEqual({
      totals: { logins: 2, reLogins: 1, refreshes: 1, activeUsers: 1 },
      users: [
        {
          user: '5e2f7c10-2222-4b7d-8e3a-1c9b6d4a0002',
          logins: 2,
          reLogins: 1,
          refreshes: 1,
          medianReLoginIntervalMinutes: 65,
        },
      ],
      heavyUsers: [],
      // The second trigger of the first sign-in, said rather than dropped silently.
      duplicateEvents: 1,
      ignoredEvents: { 'other-trigger': 0, 'untracked-client': 0 },
    });
  });

  it('should count heavy users in the 24 h up to --at', async () => {
    // Prepare: four hourly logins = three re-logins.
    const path = eventFile(
      ['08', '09', '10', '11'].map((hour) => line(`2026-11-20T${hour}:00:00Z`, hostedAuth)),
    );

    // Act
    const atEnd = JSON.parse((await runCli(['analyze', '--events', path, '--json'])).stdout);
    const before = JSON.parse(
      (await runCli(['analyze', '--events', path, '--json', '--at', '2026-11-20T10:30:00Z'])).stdout,
    );
    const dayLater = JSON.parse(
      (await runCli(['analyze', '--events', path, '--json', '--at', '2026-11-21T10:30:00Z'])).stdout,
    );

    // Assess
    expect(atEnd.heavyUsers).toEqual(['0b6c3a5e-1111-4f3a-9c1e-5a7d2f9e0001']);
    expect(before.heavyUsers).toEqual([]);
    expect(dayLater.heavyUsers).toEqual([]);
  });

  it('should let --client-ids override ARGOCD_CLIENT_IDS', async () => {
    const path = eventFile([line('2026-11-20T08:00:00Z', hostedAuth)]);
    const env = { ARGOCD_CLIENT_IDS: 'someone-else' };
    const fromEnv = JSON.parse((await runCli(['analyze', '--events', path, '--json'], { env })).stdout);
    const overridden = JSON.parse(
      (await runCli(['analyze', '--events', path, '--json', '--client-ids', `x,${ARGOCD}`], { env })).stdout,
    );
    expect(fromEnv.totals.logins).toBe(0);
    expect(overridden.totals.logins).toBe(1);
  });

  it('should count only the app client a --client-config describes, and refuse a client list without it', async () => {
    // Prepare
    const clientConfig = 'local/fixtures/cognito/describe-user-pool-client.json';
    const path = eventFile([
      line('2026-11-20T08:00:00Z', hostedAuth),
      line('2026-11-20T08:10:00Z', { ...hostedAuth, callerContext: { clientId: 'grafana' } }),
    ]);

    // Act
    const narrowed = JSON.parse(
      (await runCli(['analyze', '--events', path, '--json', '--client-config', clientConfig])).stdout,
    );
    const refused = await runCli([
      'analyze',
      '--events',
      path,
      '--client-config',
      clientConfig,
      '--client-ids',
      'grafana',
    ]);

    // Assess
    expect(narrowed.totals).toEqual({ logins: 1, reLogins: 0, refreshes: 0, activeUsers: 1 });
    expect(refused).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--client-config describes app client ${ARGOCD}, which --client-ids`),
    });
  });

  it('should stop at a bad line, naming its number, unless --skip-invalid', async () => {
    // Prepare
    const path = eventFile([
      line('2026-11-20T08:00:00Z', hostedAuth),
      '{not json',
      line('yesterday', hostedAuth),
      line('2026-11-20T09:00:00Z', { ...hostedAuth, userPoolId: 7 }),
      line('2026-11-20T10:00:00Z', hostedAuth),
    ]);

    // Act
    const strict = await runCli(['analyze', '--events', path, '--json']);
    const lenient = await runCli(['analyze', '--events', path, '--json', '--skip-invalid']);

    // Assess
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('line 2: not valid JSON');
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('skipped line 3: at must be an ISO-8601 time');
    expect(lenient.stderr).toContain('skipped line 4: event: userPoolId must be a non-empty string');
    const report = JSON.parse(lenient.stdout);
    expect(report.skippedLines).toBe(3);
    expect(report.totals).toEqual({ logins: 2, reLogins: 1, refreshes: 0, activeUsers: 1 });
  });

  it('should explain usage mistakes with exit code 2', async () => {
    expect(await runCli(['analyze'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--events FILE is required'),
    });
    expect(await runCli(['analyze', '--events', SAMPLE, '--at', 'noon'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--at must be an ISO-8601 time'),
    });
    expect(await runCli(['analyze', '--events', 'missing.jsonl'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read --events missing.jsonl: ENOENT'),
    });
    expect(await runCli(['analyze', '--events', SAMPLE, '--bogus'])).toMatchObject({ code: 2 });
    expect(await runCli(['frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command'),
    });
    expect(await runCli(['analyze', '--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: relogin-monitor analyze --events FILE'),
    });
  });

  it('should print a readable table through the installed bin', async () => {
    const { code, stdout } = await runBin(['analyze', '--events', SAMPLE, '--client-ids', ARGOCD]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^user +logins +re-logins +refreshes +median re-login interval +heavy$/m);
    expect(stdout).toMatch(/12 active users, \d+ logins, \d+ re-logins, 0 refreshes\./);
    // The week's other app client and its machine-to-machine tokens.
    expect(stdout).toMatch(
      /\d+ events ignored \(other app clients, machine-to-machine tokens, other triggers\)\./,
    );
  });

  it('should print the summary and the advice in Japanese for --locale ja or a Japanese LANG, --json in English', async () => {
    const args = ['analyze', '--events', SAMPLE, '--client-ids', ARGOCD, '--client-config', CLIENT_CONFIG];
    const flag = await runCli([...args, '--locale', 'ja']);
    const lang = await runCli(args, { env: { ...process.env, LANG: 'ja_JP.UTF-8' } });
    expect(flag.code).toBe(0);
    expect(lang.stdout).toBe(flag.stdout);
    expect(flag.stdout).toMatch(
      /^ユーザー +ログイン +再ログイン +リフレッシュ +再ログイン間隔の中央値 +頻発$/m,
    );
    expect(flag.stdout).toMatch(/アクティブユーザー 12 人、ログイン \d+ 回/);
    expect(flag.stdout).toContain('\n推奨事項:\n- [warning] upgrade-argocd: ');
    // The documents are code, indented under their titles, copied as they are (in Slack: code blocks).
    expect(englishRuns(flag.stdout.replace(/^ {4}.*$/gm, ''))).toEqual([]);
    const json = await runCli([...args, '--json'], { env: { ...process.env, LANG: 'ja_JP.UTF-8' } });
    expect(JSON.parse(json.stdout).advice[0].text).toMatch(/^The real fix/);
    expect(await runCli([...args, '--locale', 'fr'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--locale must be one of en, ja, got "fr"'),
    });
  });
});
