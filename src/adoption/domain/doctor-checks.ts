/**
 * The doctor's checks: each one a line, ok / warn / fail, with the exact fix. Pure: the CLI gathers
 * what they read (bounded calls, read-only) and these decide. Nothing here ever holds a secret: a
 * client's secret is reduced to whether there is one before it gets here.
 */
import { compareVersions, normalizeVersion } from '../../upstream';
import { type LambdaConfig, preTokenSlot } from './attach-plan';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  check: string;
  status: CheckStatus;
  detail: string;
  /** What to do, exactly; absent when the check is ok. */
  fix?: string;
}

const ok = (check: string, detail: string): DoctorCheck => ({ check, status: 'ok', detail });
const warn = (check: string, detail: string, fix: string): DoctorCheck => ({
  check,
  status: 'warn',
  detail,
  fix,
});
const fail = (check: string, detail: string, fix: string): DoctorCheck => ({
  check,
  status: 'fail',
  detail,
  fix,
});

export function poolChecks(pool: Record<string, unknown>, functionArn: string | undefined): DoctorCheck[] {
  const tier = typeof pool.UserPoolTier === 'string' ? pool.UserPoolTier : 'LITE';
  const versions = tier === 'LITE' ? 'V1_0 only' : 'V1_0, V2_0, V3_0';
  const config = (pool.LambdaConfig ?? {}) as LambdaConfig;
  const slot = preTokenSlot(config);
  const attached = Object.entries(config)
    .filter(([field]) => field !== 'PreTokenGeneration' && field !== 'KMSKeyID')
    .map(([field, value]) =>
      field === 'PreTokenGenerationConfig' && slot !== null
        ? `PreTokenGeneration ${slot.arn} (${slot.version})`
        : `${field} ${typeof value === 'string' ? value : ((value as { LambdaArn?: string }).LambdaArn ?? '?')}`,
    );
  if (slot !== null && !('PreTokenGenerationConfig' in config))
    attached.push(`PreTokenGeneration ${slot.arn} (V1_0)`);
  return [
    ok(
      'pool',
      `${String(pool.Id)} (${String(pool.Name ?? '')}), feature plan ${tier}: Pre Token Generation ${versions}`,
    ),
    ok('pool triggers', attached.length === 0 ? 'no trigger attached' : attached.join('; ')),
    ourTrigger(config, functionArn),
  ];
}

function ourTrigger(config: LambdaConfig, functionArn: string | undefined): DoctorCheck {
  const name = 'our trigger';
  if (functionArn === undefined) {
    return warn(
      name,
      'not checked',
      'give --function-arn (the stack output AuthEventLambdaFunctionQualifiedArn, without :version)',
    );
  }
  const slot = preTokenSlot(config);
  if (slot?.arn === functionArn) {
    return ok(
      name,
      `attached as Pre Token Generation ${slot.version} (mode auto, or chain when the stack sets chainFunctionArn)`,
    );
  }
  if (config.PostAuthentication === functionArn) {
    return warn(
      name,
      'attached as Post Authentication (mode post-authentication): sign-ins only; refreshes come from Cognito TokenRefreshSuccesses, per client and never per user',
      'where the Pre Token Generation slot is yours, deploy with attachMode=chain to see refreshes per user',
    );
  }
  return fail(
    name,
    'not attached to this pool: nothing is recorded (with attachMode=none, or after a Terraform/CloudFormation apply reverted it)',
    'deploy with attachMode auto or chain, or apply the snippet of relogin-monitor attach --plan --mode none in your pool code',
  );
}

/** A DescribeUserPoolClient answer with the secret reduced to whether there is one. */
export interface ClientFacts {
  clientId: string;
  name: string;
  hasSecret: boolean;
  idTokenMinutes: number;
  accessTokenMinutes: number;
  refreshTokenMinutes: number;
  rotation: { enabled: boolean; graceSeconds: number };
  flows: readonly string[];
  scopes: readonly string[];
  callbacks: readonly string[];
}

export const CLI_CALLBACK = 'http://localhost:8085/auth/callback';

function minutes(value: number): string {
  return value % 60 === 0 ? `${value / 60} h` : `${value} min`;
}

export function clientChecks(client: ClientFacts, argocdUrl: string | undefined): DoctorCheck[] {
  const name = `client ${client.clientId} (${client.name})`;
  const checks: DoctorCheck[] = [];
  const validity = `ID ${minutes(client.idTokenMinutes)}, access ${minutes(client.accessTokenMinutes)}, refresh ${minutes(client.refreshTokenMinutes)}`;
  checks.push(
    client.accessTokenMinutes <= client.idTokenMinutes
      ? ok(`${name} validity`, validity)
      : fail(
          `${name} validity`,
          `${validity}: access outlives ID, so Argo CD's refresh returns the expired ID token and the user logs in again`,
          `set AccessTokenValidity to at most IdTokenValidity (${minutes(client.idTokenMinutes)})`,
        ),
  );
  if (!client.rotation.enabled) checks.push(ok(`${name} refresh-token rotation`, 'off'));
  else if (client.rotation.graceSeconds > 0)
    checks.push(ok(`${name} refresh-token rotation`, `on, grace period ${client.rotation.graceSeconds} s`));
  else
    checks.push(
      warn(
        `${name} refresh-token rotation`,
        'on with a 0 s grace period: two Argo CD requests refreshing one session at once log the loser out',
        'set RefreshTokenRotation.RetryGracePeriodSeconds to 60',
      ),
    );
  checks.push(
    client.flows.includes('code')
      ? ok(`${name} OAuth flow`, 'code')
      : fail(
          `${name} OAuth flow`,
          `allowed flows: ${client.flows.join(', ') || 'none'}`,
          'allow the OAuth flow "code" (AllowedOAuthFlows)',
        ),
  );
  checks.push(
    client.scopes.includes('openid')
      ? ok(`${name} scopes`, client.scopes.join(' '))
      : fail(
          `${name} scopes`,
          `allowed scopes: ${client.scopes.join(' ') || 'none'}`,
          'allow the scope "openid" (AllowedOAuthScopes)',
        ),
  );
  const isCliClient = !client.hasSecret && client.callbacks.includes(CLI_CALLBACK);
  if (!isCliClient) {
    checks.push(
      client.hasSecret
        ? ok(`${name} secret`, 'confidential client (the secret is not shown)')
        : fail(
            `${name} secret`,
            'no client secret: the Argo CD server authenticates as a confidential client',
            'create the Argo CD server client with a secret (GenerateSecret), and put the secret in argocd-secret',
          ),
    );
    if (argocdUrl !== undefined) {
      const callback = `${argocdUrl.replace(/\/+$/, '')}/auth/callback`;
      checks.push(
        client.callbacks.includes(callback)
          ? ok(`${name} callback`, callback)
          : fail(
              `${name} callback`,
              `callbacks: ${client.callbacks.join(', ') || 'none'}`,
              `add ${callback} to CallbackURLs`,
            ),
      );
    }
  }
  return checks;
}

export function cliClientCheck(clients: readonly ClientFacts[]): DoctorCheck {
  const cli = clients.find((client) => !client.hasSecret && client.callbacks.includes(CLI_CALLBACK));
  return cli !== undefined
    ? ok('argocd login --sso client', `${cli.clientId}: public, callback ${CLI_CALLBACK}`)
    : warn(
        'argocd login --sso client',
        'no public client with the CLI callback among the tracked clients',
        `for the CLI, add a client without secret with callback ${CLI_CALLBACK} and set cliClientID in oidc.config`,
      );
}

/** The public part of Argo CD's SSO set-up, from GET /api/v1/settings (never a secret). */
export interface ArgoCdSettings {
  issuer?: string;
  clientId?: string;
  cliClientId?: string;
  scopes?: readonly string[];
}

export function argoCdSettingsChecks(
  settings: ArgoCdSettings,
  poolIssuer: string,
  trackedClientIds: readonly string[],
): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  checks.push(
    settings.issuer?.replace(/\/+$/, '') === poolIssuer
      ? ok('Argo CD issuer', poolIssuer)
      : fail(
          'Argo CD issuer',
          `oidc.config issuer is ${settings.issuer ?? 'not set'}, not this pool (${poolIssuer})`,
          `set issuer: ${poolIssuer} in oidc.config, or check the pool`,
        ),
  );
  const tracked =
    settings.clientId !== undefined &&
    (trackedClientIds.length === 0 || trackedClientIds.includes(settings.clientId));
  checks.push(
    tracked
      ? ok('Argo CD clientID', `${settings.clientId} (tracked)`)
      : fail(
          'Argo CD clientID',
          `oidc.config clientID ${settings.clientId ?? 'not set'} is not a tracked client`,
          `add it to argocdClientIds (${trackedClientIds.join(',')})`,
        ),
  );
  checks.push(
    settings.cliClientId === undefined
      ? warn(
          'Argo CD cliClientID',
          'not set: argocd login --sso uses clientID without its secret',
          'set cliClientID in oidc.config to a public client',
        )
      : ok('Argo CD cliClientID', settings.cliClientId),
  );
  const scopes = settings.scopes ?? [];
  checks.push(
    scopes.length === 0 || scopes.includes('openid')
      ? ok(
          'Argo CD requested scopes',
          scopes.length === 0 ? 'default (openid profile email groups)' : scopes.join(' '),
        )
      : fail('Argo CD requested scopes', scopes.join(' '), 'add openid to requestedScopes in oidc.config'),
  );
  return checks;
}

export interface SlackFacts {
  scopes: readonly string[];
  team: string;
  /** Channel id -> whether the bot is a member; undefined when Slack would not say. */
  channels: Record<string, boolean | undefined>;
}

export function slackChecks(facts: SlackFacts): DoctorCheck[] {
  const missing = ['chat:write', 'files:write'].filter((scope) => !facts.scopes.includes(scope));
  return [
    ok('Slack token', `auth.test ok (team ${facts.team})`),
    missing.length === 0
      ? ok('Slack scopes', 'chat:write, files:write')
      : fail(
          'Slack scopes',
          `missing ${missing.join(', ')}`,
          `add ${missing.join(', ')} to the Slack app's bot scopes and reinstall it`,
        ),
    ...Object.entries(facts.channels).map(([channel, member]) =>
      member === true
        ? ok(`Slack channel ${channel}`, 'the bot is a member')
        : fail(
            `Slack channel ${channel}`,
            member === false ? 'the bot is not a member' : 'not found or not visible to the bot',
            `invite the bot: /invite @<bot> in ${channel}`,
          ),
    ),
  ];
}

export function githubCheck(remaining: number, limit: number): DoctorCheck {
  const detail = `reachable, ${remaining} of ${limit} requests left this hour`;
  if (remaining === 0)
    return fail('GitHub', detail, 'wait for the reset, or set githubTokenParameter (5,000 an hour)');
  if (limit <= 60) return warn('GitHub', detail, 'set githubTokenParameter for 5,000 requests an hour');
  return ok('GitHub', detail);
}

export function unreachable(check: string, reason: string, fix: string): DoctorCheck {
  return fail(check, reason, fix);
}

/** Exit 1 when any check failed. */
export function anyFailed(checks: readonly DoctorCheck[]): boolean {
  return checks.some((check) => check.status === 'fail');
}

function minorOf(version: string): string {
  return /^v?(\d+\.\d+)\./.exec(version)?.[1] ?? '';
}

/**
 * Whether the deployed Argo CD renews expired sessions: at or above the fix's first release on its own
 * minor line, or on a minor line newer than every documented one (catalog/fixes.json, `firstReleases`).
 */
export function argoCdVersionCheck(raw: string, firstReleases: readonly string[]): DoctorCheck {
  const version = normalizeVersion(raw);
  if (version === null) {
    return warn(
      'Argo CD version',
      `answered "${raw}", not a version`,
      'give the version to relogin-monitor upstream-check --deployed-version',
    );
  }
  const sameLine = firstReleases.find((first) => minorOf(first) === minorOf(version));
  const newest = [...firstReleases].sort(compareVersions).at(-1) ?? '';
  const hasFix =
    sameLine !== undefined
      ? compareVersions(version, sameLine) >= 0
      : compareVersions(version, newest) > 0 && minorOf(version) !== minorOf(newest);
  return hasFix
    ? ok(
        'Argo CD version',
        `${version}: renews expired sessions with the refresh token (the fix is in ${firstReleases.join(', ')})`,
      )
    : warn(
        'Argo CD version',
        `${version}: does not renew an expired session (the fix is in ${firstReleases.join(', ')})`,
        `upgrade Argo CD to ${firstReleases.join(' or ')} or later; until then the re-logins are what this monitor counts`,
      );
}
