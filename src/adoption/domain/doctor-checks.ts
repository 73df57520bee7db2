/**
 * The doctor's checks: each one a line, ok / warn / fail, with the exact fix. Pure: the CLI gathers
 * what they read (bounded calls, read-only) and these decide. Nothing here ever holds a secret: a
 * client's secret is reduced to whether there is one before it gets here.
 */
import { CATALOGS, type Catalog } from '../../shared/i18n';
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

/** The doctor's words in one locale; English unless the CLI asks for another. */
export type DoctorWords = Catalog['doctor'];
const ENGLISH: DoctorWords = CATALOGS.en.doctor;

export function poolChecks(
  pool: Record<string, unknown>,
  functionArn: string | undefined,
  w: DoctorWords = ENGLISH,
): DoctorCheck[] {
  const tier = typeof pool.UserPoolTier === 'string' ? pool.UserPoolTier : 'LITE';
  const versions = tier === 'LITE' ? w.v1Only : 'V1_0, V2_0, V3_0';
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
    ok(w.names.pool, w.pool({ id: String(pool.Id), name: String(pool.Name ?? ''), tier, versions })),
    ok(w.names.poolTriggers, attached.length === 0 ? w.noTrigger : attached.join('; ')),
    ourTrigger(config, functionArn, w),
  ];
}

function ourTrigger(config: LambdaConfig, functionArn: string | undefined, w: DoctorWords): DoctorCheck {
  const name = w.names.ourTrigger;
  if (functionArn === undefined) return warn(name, w.notChecked, w.giveFunctionArn);
  const slot = preTokenSlot(config);
  if (slot?.arn === functionArn) return ok(name, w.attachedPreToken(slot.version));
  if (config.PostAuthentication === functionArn) {
    return warn(name, w.attachedPostAuth, w.attachedPostAuthFix);
  }
  return fail(name, w.notAttached, w.notAttachedFix);
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

export function clientChecks(
  client: ClientFacts,
  argocdUrl: string | undefined,
  w: DoctorWords = ENGLISH,
): DoctorCheck[] {
  const name = w.names.clientNamed(client.clientId, client.name);
  const names = w.names;
  const checks: DoctorCheck[] = [];
  const idValidity = w.duration(client.idTokenMinutes);
  const validity = w.validity(
    idValidity,
    w.duration(client.accessTokenMinutes),
    w.duration(client.refreshTokenMinutes),
  );
  checks.push(
    client.accessTokenMinutes <= client.idTokenMinutes
      ? ok(names.validity(name), validity)
      : fail(names.validity(name), w.accessOutlivesId(validity), w.accessOutlivesIdFix(idValidity)),
  );
  if (!client.rotation.enabled) checks.push(ok(names.rotation(name), w.rotationOff));
  else if (client.rotation.graceSeconds > 0)
    checks.push(ok(names.rotation(name), w.rotationGrace(client.rotation.graceSeconds)));
  else checks.push(warn(names.rotation(name), w.rotationNoGrace, w.rotationNoGraceFix));
  checks.push(
    client.flows.includes('code')
      ? ok(names.oauthFlow(name), 'code')
      : fail(names.oauthFlow(name), w.allowedFlows(client.flows.join(', ') || w.none), w.allowCodeFlow),
  );
  checks.push(
    client.scopes.includes('openid')
      ? ok(names.scopes(name), client.scopes.join(' '))
      : fail(names.scopes(name), w.allowedScopes(client.scopes.join(' ') || w.none), w.allowOpenid),
  );
  const isCliClient = !client.hasSecret && client.callbacks.includes(CLI_CALLBACK);
  if (!isCliClient) {
    checks.push(
      client.hasSecret
        ? ok(names.secret(name), w.confidential)
        : fail(names.secret(name), w.noSecret, w.noSecretFix),
    );
    if (argocdUrl !== undefined) {
      const callback = `${argocdUrl.replace(/\/+$/, '')}/auth/callback`;
      checks.push(
        client.callbacks.includes(callback)
          ? ok(names.callback(name), callback)
          : fail(
              names.callback(name),
              w.callbacks(client.callbacks.join(', ') || w.none),
              w.addCallback(callback),
            ),
      );
    }
  }
  return checks;
}

export function cliClientCheck(clients: readonly ClientFacts[], w: DoctorWords = ENGLISH): DoctorCheck {
  const cli = clients.find((client) => !client.hasSecret && client.callbacks.includes(CLI_CALLBACK));
  return cli !== undefined
    ? ok(w.names.cliClient, w.cliClientFound(cli.clientId, CLI_CALLBACK))
    : warn(w.names.cliClient, w.noCliClient, w.noCliClientFix(CLI_CALLBACK));
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
  w: DoctorWords = ENGLISH,
): DoctorCheck[] {
  const { names } = w;
  const checks: DoctorCheck[] = [];
  checks.push(
    settings.issuer?.replace(/\/+$/, '') === poolIssuer
      ? ok(names.argocdIssuer, poolIssuer)
      : fail(
          names.argocdIssuer,
          w.issuerMismatch(settings.issuer ?? null, poolIssuer),
          w.issuerFix(poolIssuer),
        ),
  );
  const tracked =
    settings.clientId !== undefined &&
    (trackedClientIds.length === 0 || trackedClientIds.includes(settings.clientId));
  checks.push(
    tracked
      ? ok(names.argocdClientId, w.clientTracked(settings.clientId ?? ''))
      : fail(
          names.argocdClientId,
          w.clientNotTracked(settings.clientId ?? null),
          w.clientNotTrackedFix(trackedClientIds.join(',')),
        ),
  );
  checks.push(
    settings.cliClientId === undefined
      ? warn(names.argocdCliClientId, w.cliClientIdNotSet, w.cliClientIdFix)
      : ok(names.argocdCliClientId, settings.cliClientId),
  );
  const scopes = settings.scopes ?? [];
  checks.push(
    scopes.length === 0 || scopes.includes('openid')
      ? ok(names.argocdScopes, scopes.length === 0 ? w.defaultScopes : scopes.join(' '))
      : fail(names.argocdScopes, scopes.join(' '), w.addOpenid),
  );
  return checks;
}

export interface SlackFacts {
  scopes: readonly string[];
  team: string;
  /** Channel id -> whether the bot is a member; undefined when Slack would not say. */
  channels: Record<string, boolean | undefined>;
}

export function slackChecks(facts: SlackFacts, w: DoctorWords = ENGLISH): DoctorCheck[] {
  const missing = ['chat:write', 'files:write'].filter((scope) => !facts.scopes.includes(scope));
  const { names } = w;
  return [
    ok(names.slackToken, w.slackTokenOk(facts.team)),
    missing.length === 0
      ? ok(names.slackScopes, 'chat:write, files:write')
      : fail(names.slackScopes, w.missingScopes(missing.join(', ')), w.addScopes(missing.join(', '))),
    ...Object.entries(facts.channels).map(([channel, member]) =>
      member === true
        ? ok(names.slackChannel(channel), w.botMember)
        : fail(
            names.slackChannel(channel),
            member === false ? w.botNotMember : w.channelNotVisible,
            w.inviteBot(channel),
          ),
    ),
  ];
}

export function githubCheck(remaining: number, limit: number, w: DoctorWords = ENGLISH): DoctorCheck {
  const detail = w.githubReachable(remaining, limit);
  if (remaining === 0) return fail(w.names.github, detail, w.githubWait);
  if (limit <= 60) return warn(w.names.github, detail, w.githubToken);
  return ok(w.names.github, detail);
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
export function argoCdVersionCheck(
  raw: string,
  firstReleases: readonly string[],
  w: DoctorWords = ENGLISH,
): DoctorCheck {
  const name = w.names.argocdVersion;
  const version = normalizeVersion(raw);
  if (version === null) return warn(name, w.notAVersion(raw), w.giveVersion);
  const sameLine = firstReleases.find((first) => minorOf(first) === minorOf(version));
  const newest = [...firstReleases].sort(compareVersions).at(-1) ?? '';
  const hasFix =
    sameLine !== undefined
      ? compareVersions(version, sameLine) >= 0
      : compareVersions(version, newest) > 0 && minorOf(version) !== minorOf(newest);
  const releases = firstReleases.join(', ');
  return hasFix
    ? ok(name, w.renews(version, releases))
    : warn(name, w.doesNotRenew(version, releases), w.upgradeFix(firstReleases.join(w.or)));
}
