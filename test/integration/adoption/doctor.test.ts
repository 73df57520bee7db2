/**
 * `relogin-monitor doctor` against the local stand-ins: cognito-local (pool, triggers, app clients), the
 * Argo CD fake (/api/version, /api/v1/settings), the Slack fake (auth.test scopes, membership) and the
 * GitHub fake (/rate_limit), with the real SDK and Slack clients.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoLocal, startCognitoLocal } from '../../../local/stand-ins/cognito-local';
import { type FakeArgoCd, startFakeArgoCd } from '../../../local/stand-ins/fake-argocd';
import { type FakeGitHub, startFakeGitHub } from '../../../local/stand-ins/fake-github';
import { type FakeSlack, startFakeSlack } from '../../../local/stand-ins/fake-slack';
import { type LocalEndpoint, silentEndpoint } from '../../../local/stand-ins/faulty-endpoints';
import { LOCAL_CREDENTIALS, localAwsEnvironment, overrideEnv } from '../../../local/stand-ins/local-aws';
import { runCli } from '../../support/cli';
import { englishRuns } from '../../support/english-prose';

const OURS = 'arn:aws:lambda:local:111122223333:function:argocd-relogin-monitor-ci-authEvent';
const SLACK_TOKEN = 'xoxb-0000-doctor-secret-token';
const ARGOCD_HOST = 'https://argocd.example.com';

describe('Command: doctor (local stand-ins)', () => {
  let cognito: CognitoLocal;
  let argocd: FakeArgoCd;
  let slack: FakeSlack;
  let github: FakeGitHub;
  let silent: LocalEndpoint;
  let restoreEnv: () => void;
  let poolId: string;
  const clients: Record<string, string> = {};
  let serverSecret: string;

  beforeAll(async () => {
    cognito = await startCognitoLocal();
    restoreEnv = overrideEnv(localAwsEnvironment({ cognitoIdentityProvider: cognito.endpoint }));
    const client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'argocd-users',
        LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V1_0', LambdaArn: OURS } },
      }),
    );
    poolId = UserPool?.Id as string;
    const create = async (label: string, input: Record<string, unknown>) => {
      const { UserPoolClient } = await client.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: label, ...input }),
      );
      clients[label] = UserPoolClient?.ClientId as string;
    };
    const oauth = {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
    };
    const hours = {
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours' },
    };
    await create('argocd', {
      ...oauth,
      ...hours,
      GenerateSecret: true,
      CallbackURLs: [`${ARGOCD_HOST}/auth/callback`],
    });
    await create('argocd-cli', { ...oauth, ...hours, CallbackURLs: ['http://localhost:8085/auth/callback'] });
    await create('stretched', {
      ...hours,
      AccessTokenValidity: 8,
      GenerateSecret: true,
      AllowedOAuthFlows: ['implicit'],
      AllowedOAuthScopes: ['email'],
      CallbackURLs: [`${ARGOCD_HOST}/auth/callback`],
    });
    const { UserPoolClient } = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clients.argocd }),
    );
    serverSecret = UserPoolClient?.ClientSecret as string;
    client.destroy();
    argocd = await startFakeArgoCd('v3.4.6', {
      name: 'Cognito',
      issuer: `https://cognito-idp.local.amazonaws.com/${poolId}`,
      clientID: clients.argocd,
      cliClientID: clients['argocd-cli'],
      scopes: ['openid', 'email'],
    });
    slack = await startFakeSlack({
      scopes: ['chat:write'],
      memberOf: ['C0ALERTS'],
      notMemberOf: ['C0REPORT'],
    });
    github = await startFakeGitHub();
    silent = await silentEndpoint();
  }, 60_000);

  afterAll(async () => {
    restoreEnv?.();
    await Promise.all([cognito?.stop(), argocd?.close(), slack?.close(), github?.close(), silent?.close()]);
  });

  function env(extra: Record<string, string> = {}) {
    return {
      USER_POOL_ID: poolId,
      ARGOCD_URL: argocd.url,
      SLACK_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: 'C0ALERTS',
      REPORT_CHANNEL: 'C0REPORT',
      GITHUB_API_URL: github.url,
      ...extra,
    };
  }

  it('should give one line per check with the fix, fail on what breaks the refresh, and print no secret', async () => {
    const { code, stdout } = await runCli(
      [
        'doctor',
        '--function-arn',
        OURS,
        '--client-ids',
        `${clients.argocd},${clients['argocd-cli']},${clients.stretched}`,
      ],
      { env: { ...env(), ARGOCD_URL: ARGOCD_HOST } },
    );
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.every((line) => /^(ok {2}|warn|FAIL) /.test(line))).toBe(true);
    expect(stdout).toContain(
      `ok   pool: ${poolId} (argocd-users), feature plan LITE: Pre Token Generation V1_0 only`,
    );
    expect(stdout).toContain('ok   our trigger: attached as Pre Token Generation V1_0');
    expect(stdout).toContain(`ok   client ${clients.argocd} (argocd) callback: ${ARGOCD_HOST}/auth/callback`);
    expect(stdout).toContain(`ok   argocd login --sso client: ${clients['argocd-cli']}: public`);
    expect(stdout).toMatch(
      /FAIL client \S+ \(stretched\) validity: .*-> fix: set AccessTokenValidity to at most IdTokenValidity \(1 h\)/,
    );
    expect(stdout).toContain(
      '(stretched) OAuth flow: allowed flows: implicit -> fix: allow the OAuth flow "code"',
    );
    expect(stdout).toContain('(stretched) scopes: allowed scopes: email -> fix: allow the scope "openid"');
    expect(stdout).not.toContain(SLACK_TOKEN);
    expect(stdout).not.toContain(serverSecret);
  });

  it('should speak Japanese with --locale ja (or LANG=ja_JP.UTF-8), the same checks, and keep --json English', async () => {
    const args = [
      'doctor',
      '--function-arn',
      OURS,
      '--client-ids',
      `${clients.argocd},${clients['argocd-cli']},${clients.stretched}`,
    ];
    const english = await runCli(args, { env: env() });
    const japanese = await runCli([...args, '--locale', 'ja'], { env: env() });
    const fromLang = await runCli(args, { env: { ...env(), LANG: 'ja_JP.UTF-8' } });
    const json = await runCli([...args, '--json'], { env: { ...env(), LANG: 'ja_JP.UTF-8' } });

    expect(japanese.code).toBe(english.code);
    const marks = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(0, 4));
    expect(marks(japanese.stdout)).toEqual(marks(english.stdout));
    expect(japanese.stdout).toContain(
      'ok   このモニターのトリガー: PreTokenGeneration V1_0 として付いています',
    );
    expect(japanese.stdout).toMatch(
      /FAIL クライアント \S+ \(stretched\) の有効期間: .*→ 対処: AccessTokenValidity を IdTokenValidity \(1 時間\) 以下にしてください/,
    );
    // After the status mark (ok, warn, FAIL: the same in both languages), no English sentence.
    expect(japanese.stdout.split('\n').flatMap((line) => englishRuns(line.slice(5)))).toEqual([]);
    // LANG picks the same words (the GitHub line's remaining count moves between runs).
    const withoutGitHub = (stdout: string) => stdout.split('\n').filter((line) => !line.includes('GitHub:'));
    expect(withoutGitHub(fromLang.stdout)).toEqual(withoutGitHub(japanese.stdout));
    expect(JSON.parse(json.stdout).checks.map((check: { check: string }) => check.check)).toContain(
      'our trigger',
    );
  });

  it('should check Argo CD, Slack and GitHub from the deployed settings, as JSON', async () => {
    const { stdout } = await runCli(['doctor', '--json'], {
      env: env({ ARGOCD_CLIENT_IDS: clients.argocd as string }),
    });
    const { checks } = JSON.parse(stdout) as {
      checks: { check: string; status: string; detail: string; fix?: string }[];
    };
    const status = (name: string) => checks.find((check) => check.check === name)?.status;
    expect(status('Argo CD version')).toBe('ok');
    expect(status('Argo CD issuer')).toBe('ok');
    expect(status('Argo CD clientID')).toBe('ok');
    expect(status('Argo CD cliClientID')).toBe('ok');
    expect(status('Slack token')).toBe('ok');
    expect(checks.find((check) => check.check === 'Slack scopes')).toMatchObject({
      status: 'fail',
      detail: 'missing files:write',
    });
    expect(status('Slack channel C0ALERTS')).toBe('ok');
    expect(checks.find((check) => check.check === 'Slack channel C0REPORT')).toMatchObject({
      status: 'fail',
      detail: 'the bot is not a member',
    });
    expect(checks.find((check) => check.check === 'GitHub')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('of 60 requests left'),
    });
    expect(status('our trigger')).toBe('warn');
    expect(stdout).not.toContain(SLACK_TOKEN);
  });

  it('should bound every call: an Argo CD that never answers is a failed check within the timeout', async () => {
    const started = performance.now();
    const { stdout } = await runCli(['doctor', '--timeout-ms', '300'], {
      env: env({ ARGOCD_URL: silent.url }),
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stdout).toMatch(/FAIL Argo CD version: .*-> fix: make/);
  });

  it('should refuse to run without a pool, exit 2', async () => {
    const { code, stderr } = await runCli(['doctor'], { env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain('give --user-pool-id or --user-pool-name');
  });
});
