/**
 * `relogin-monitor doctor`: a read-only readiness check of everything the monitor depends on, one line
 * per check with the exact fix. Reads the deployed settings' names (USER_POOL_ID, ARGOCD_CLIENT_IDS,
 * ARGOCD_URL, SLACK_TOKEN_PARAMETER, ...) with flags to override them. Every call is bounded in time;
 * no secret is printed (the Slack token is redacted from any error, a client secret is never read out).
 */
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describeClientFacts, listClientIds } from '../adapters/cognito/app-client-facts';
import { CognitoUserPoolAdmin } from '../adapters/cognito/user-pool-admin';
import { boundedGet } from '../adapters/http/bounded-get';
import { slackReadiness } from '../adapters/slack/slack-readiness';
import { ssmSecureString } from '../adapters/ssm/secure-string';
import {
  anyFailed,
  argoCdSettingsChecks,
  argoCdVersionCheck,
  cliClientCheck,
  clientChecks,
  type DoctorCheck,
  type DoctorWords,
  describeTargetPool,
  githubCheck,
  poolChecks,
  slackChecks,
  unreachable,
} from '../adoption';
import { parseList } from '../shared/config/env';
import { cliLocale } from '../shared/config/settings';
import { CATALOGS } from '../shared/i18n';
import { redact, secrets } from '../shared/redaction';
import { printable, printableJson } from '../shared/safe-text';
import { withinBudget } from '../shared/time-budget';
import { shippedFirstReleases } from '../upstream';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

const MAX_BODY_BYTES = 256 * 1024;
/** The Argo CD fix the doctor looks for (catalog/fixes.json). */
const REFRESH_FIX_ID = 'argocd-oidc-refresh';

interface DoctorOptions {
  userPoolId?: string;
  userPoolName?: string;
  region?: string;
  functionArn?: string;
  clientIds: string[];
  argocdUrl?: string;
  slackTokenParameter?: string;
  slackToken?: string;
  slackApiUrl?: string;
  slackChannels: string[];
  githubApiUrl: string;
  githubToken?: string;
  timeoutMs: number;
  /** The lines' words: the CLI locale's, English for --json (its text is what scripts read). */
  words: DoctorWords;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return printable(redact(message));
}

/** The pool and app-client checks. */
async function checkCognito(
  options: Pick<
    DoctorOptions,
    | 'userPoolId'
    | 'userPoolName'
    | 'region'
    | 'functionArn'
    | 'clientIds'
    | 'argocdUrl'
    | 'timeoutMs'
    | 'words'
  >,
): Promise<{ checks: DoctorCheck[]; issuer?: string }> {
  const w = options.words;
  const client = new CognitoIdentityProviderClient(
    options.region === undefined ? {} : { region: options.region },
  );
  try {
    const found = await describeTargetPool(new CognitoUserPoolAdmin(client, options.timeoutMs), {
      id: options.userPoolId,
      name: options.userPoolName,
    });
    if ('refuse' in found) {
      return {
        checks: [unreachable(w.names.pool, found.refuse, w.setUserPool)],
      };
    }
    const { pool } = found;
    const poolId = String(pool.Id);
    const checks = poolChecks(pool, options.functionArn, w);
    const ids =
      options.clientIds.length > 0
        ? options.clientIds
        : await listClientIds(client, poolId, options.timeoutMs);
    const facts = [];
    for (const clientId of ids) {
      try {
        const fact = await describeClientFacts(client, poolId, clientId, options.timeoutMs);
        facts.push(fact);
        checks.push(...clientChecks(fact, options.argocdUrl, w));
      } catch (error) {
        checks.push(unreachable(w.names.client(clientId), errorText(error), w.checkClientId));
      }
    }
    checks.push(cliClientCheck(facts, w));
    const region = poolId.split('_')[0];
    return { checks, issuer: `https://cognito-idp.${region}.amazonaws.com/${poolId}` };
  } catch (error) {
    return {
      checks: [unreachable(w.names.pool, errorText(error), w.checkAws)],
    };
  } finally {
    client.destroy();
  }
}

async function getJson(url: string, timeoutMs: number, headers: Record<string, string> = {}) {
  const answer = await boundedGet(url, {
    headers: { accept: 'application/json', ...headers },
    timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
    credentialHeaders: ['authorization'],
  });
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status} from ${url}`);
  try {
    return { body: JSON.parse(answer.text) as Record<string, unknown>, headers: answer.headers };
  } catch {
    throw new Error(`${url} answered something other than JSON (a login page in front of it?)`);
  }
}

async function checkArgoCd(options: DoctorOptions, issuer: string | undefined): Promise<DoctorCheck[]> {
  const base = options.argocdUrl;
  const w = options.words;
  if (base === undefined) {
    return [{ check: w.names.argocd, status: 'warn', detail: w.notChecked, fix: w.giveArgocdUrl }];
  }
  const checks: DoctorCheck[] = [];
  try {
    const { body } = await getJson(`${base}/api/version`, options.timeoutMs);
    const version = printable(String(body.Version ?? 'unknown'));
    checks.push(argoCdVersionCheck(version, shippedFirstReleases(REFRESH_FIX_ID).firstReleases, w));
  } catch (error) {
    checks.push(unreachable(w.names.argocdVersion, errorText(error), w.makeReachable(`${base}/api/version`)));
  }
  try {
    const { body } = await getJson(`${base}/api/v1/settings`, options.timeoutMs);
    const oidc = (body.oidcConfig ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? printable(value) : undefined);
    const settings = {
      ...(text(oidc.issuer) === undefined ? {} : { issuer: text(oidc.issuer) }),
      ...(text(oidc.clientID) === undefined ? {} : { clientId: text(oidc.clientID) }),
      ...(text(oidc.cliClientID) === undefined ? {} : { cliClientId: text(oidc.cliClientID) }),
      scopes: Array.isArray(oidc.scopes) ? oidc.scopes.map((scope) => printable(String(scope))) : [],
    };
    if (issuer !== undefined) checks.push(...argoCdSettingsChecks(settings, issuer, options.clientIds, w));
  } catch (error) {
    checks.push(
      unreachable(
        w.names.argocdSettings,
        errorText(error),
        w.makeSettingsReachable(`${base}/api/v1/settings`),
      ),
    );
  }
  return checks;
}

async function checkSlack(options: DoctorOptions): Promise<DoctorCheck[]> {
  const w = options.words;
  let token = options.slackToken;
  try {
    if (token === undefined && options.slackTokenParameter !== undefined) {
      const parameter = options.slackTokenParameter;
      // Powertools' SSM read takes no deadline of its own: the race gives it one.
      token = await withinBudget(options.timeoutMs, () => ssmSecureString(parameter, 1)());
    }
  } catch (error) {
    return [unreachable(w.names.slackToken, errorText(error), w.checkSsm(options.slackTokenParameter ?? ''))];
  }
  if (token === undefined) {
    return [{ check: w.names.slack, status: 'warn', detail: w.noSlackToken, fix: w.setSlackToken }];
  }
  secrets.add(token);
  try {
    const facts = await slackReadiness(token, options.slackChannels, {
      ...(options.slackApiUrl === undefined ? {} : { apiUrl: options.slackApiUrl }),
      timeoutMs: options.timeoutMs,
    });
    return slackChecks(facts, w);
  } catch (error) {
    return [unreachable(w.names.slackToken, errorText(error), w.checkBotToken)];
  }
}

async function checkGitHub(options: DoctorOptions): Promise<DoctorCheck[]> {
  const w = options.words;
  try {
    const headers: Record<string, string> =
      options.githubToken === undefined ? {} : { authorization: `Bearer ${options.githubToken}` };
    const { body } = await getJson(
      `${options.githubApiUrl.replace(/\/+$/, '')}/rate_limit`,
      options.timeoutMs,
      headers,
    );
    const core = ((body.resources as Record<string, unknown> | undefined)?.core ?? {}) as {
      remaining?: number;
      limit?: number;
    };
    return [githubCheck(Number(core.remaining ?? 0), Number(core.limit ?? 0), w)];
  } catch (error) {
    return [unreachable(w.names.github, errorText(error), w.makeGithubReachable(options.githubApiUrl))];
  }
}

function readOptions(args: string[], io: CliIo): { options: DoctorOptions; json: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      'user-pool-id': { type: 'string' },
      'user-pool-name': { type: 'string' },
      region: { type: 'string' },
      'function-arn': { type: 'string' },
      'client-ids': { type: 'string' },
      'argocd-url': { type: 'string' },
      'slack-channels': { type: 'string' },
      'timeout-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
      locale: { type: 'string' },
    },
  });
  const env = io.env;
  // --json stays English: its check names, details and fixes are what scripts match on.
  const locale = values.json ? 'en' : cliLocale(values.locale, env);
  const pick = (flag: string | undefined, name: string) => {
    const value = flag ?? env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const userPoolId = pick(values['user-pool-id'], 'USER_POOL_ID');
  const userPoolName = pick(values['user-pool-name'], 'USER_POOL_NAME');
  if (userPoolId === undefined && userPoolName === undefined) {
    throw new UsageError('give --user-pool-id or --user-pool-name (or USER_POOL_ID / USER_POOL_NAME)');
  }
  const timeoutMs = Number(values['timeout-ms'] ?? 5_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 60_000) {
    throw new UsageError(
      `--timeout-ms must be a number of milliseconds up to 60000, got "${printable(values['timeout-ms'] ?? '')}"`,
    );
  }
  const channels = pick(values['slack-channels'], 'SLACK_CHANNEL');
  const reportChannel = pick(undefined, 'REPORT_CHANNEL');
  const options: DoctorOptions = {
    clientIds: parseList(pick(values['client-ids'], 'ARGOCD_CLIENT_IDS') ?? ''),
    slackChannels: [
      ...new Set([...parseList(channels ?? ''), ...(reportChannel === undefined ? [] : [reportChannel])]),
    ],
    githubApiUrl: pick(undefined, 'GITHUB_API_URL') ?? 'https://api.github.com',
    timeoutMs,
    words: CATALOGS[locale].doctor,
  };
  const optional = {
    userPoolId,
    userPoolName,
    region: values.region,
    functionArn: values['function-arn'],
    argocdUrl: pick(values['argocd-url'], 'ARGOCD_URL')?.replace(/\/+$/, ''),
    slackTokenParameter: pick(undefined, 'SLACK_TOKEN_PARAMETER'),
    slackToken: pick(undefined, 'SLACK_TOKEN'),
    slackApiUrl: pick(undefined, 'SLACK_API_URL'),
    githubToken: pick(undefined, 'GITHUB_TOKEN'),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(options, { [key]: value });
  return { options, json: values.json };
}

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

function doctorLine({ status, check, detail, fix }: DoctorCheck, w: DoctorWords): string {
  return `${MARK[status]} ${check}: ${detail}${fix === undefined ? '' : ` ${w.fixPrefix} ${fix}`}`;
}

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { options, json } = readOptions(args, io);
  const cognito = await checkCognito(options);
  const [argocd, slack, github] = await Promise.all([
    checkArgoCd(options, cognito.issuer),
    checkSlack(options),
    checkGitHub(options),
  ]);
  const checks = [...cognito.checks, ...argocd, ...slack, ...github];
  if (json) writeLine(io.stdout, redact(printableJson({ checks })));
  else {
    for (const check of checks) writeLine(io.stdout, redact(printable(doctorLine(check, options.words))));
  }
  return anyFailed(checks) ? EXIT.failed : EXIT.ok;
}
