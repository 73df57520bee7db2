/**
 * `relogin-monitor upstream-check [--catalog FILE] [--deployed-version V | --argocd-url URL] [--json]`:
 * which upstream releases carry each catalogued fix, and whether the deployed Argo CD has it.
 */
import { parseArgs } from 'node:util';
import { deployedVersionSource } from '../adapters/argocd/version-source';
import { createGitHubClient } from '../adapters/github/create-client';
import type { DeployedVersionOverride, FixStatus, GitHubSettings, UpstreamFindings } from '../upstream';
import {
  checkUpstream,
  emptyKnowledge,
  loadFixCatalog,
  readDeployedVersionSettings,
  readFixCatalog,
  readGitHubSettings,
} from '../upstream';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

/** The documented JSON shape, exactly: the report's other fields stay internal. */
function toJsonOutput(report: UpstreamFindings) {
  return {
    deployedVersion: report.deployedVersion,
    fixes: report.fixes.map(({ id, merged, fixedIn, fixedInPrerelease, deployedHasFix, upgradeTo }) => ({
      id,
      merged,
      fixedIn,
      fixedInPrerelease,
      deployedHasFix,
      upgradeTo,
    })),
  };
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none yet' : items.join(', ');
}

function deployedLine(fix: FixStatus, deployed: string | null): string {
  if (fix.deployedHasFix === null) return 'unknown (give --deployed-version or --argocd-url)';
  if (fix.deployedHasFix) return `yes, ${deployed} has it`;
  return `no, ${deployed} lacks it; ${fix.upgradeTo === null ? 'no fixed release to upgrade to yet' : `upgrade to ${fix.upgradeTo}`}`;
}

function renderSummary(report: UpstreamFindings): string {
  const blocks = report.fixes.map((fix) =>
    [
      `${fix.id}: ${fix.title}`,
      `  merged:          ${fix.merged ? 'yes' : 'no'}`,
      `  fixed in:        ${list(fix.fixedIn)}`,
      `  prereleases:     ${list(fix.fixedInPrerelease)}`,
      `  deployed has it: ${deployedLine(fix, report.deployedVersion)}`,
      ...(fix.advice === undefined ? [] : [`  advice:          ${fix.advice}`]),
    ].join('\n'),
  );
  return [`Deployed Argo CD: ${report.deployedVersion ?? 'unknown'}`, ...blocks].join('\n\n');
}

/** The setting the token came from (the parameter wins, as in the client), or undefined when none is set. */
function tokenSetting(settings: GitHubSettings): string | undefined {
  if (settings.tokenParameter !== undefined) return 'GITHUB_TOKEN_PARAMETER';
  return settings.token === undefined ? undefined : 'GITHUB_TOKEN';
}

/** Why the check stopped, and the next step that can help: a token only when none was sent. */
function rateLimitMessage(
  outcome: { requests: number; resetAt: number | null; reason: string },
  settings: GitHubSettings,
): string {
  const until = outcome.resetAt === null ? '' : ` until ${new Date(outcome.resetAt).toISOString()}`;
  const stopped = `GitHub rate limit used up${until} after ${outcome.requests} requests (${outcome.reason}).`;
  const token = tokenSetting(settings);
  if (token === undefined) {
    return `${stopped} No token is set, and GitHub allows 60 requests an hour without one: set GITHUB_TOKEN or GITHUB_TOKEN_PARAMETER for 5,000.`;
  }
  const when = outcome.resetAt === null ? 'later' : 'after the reset';
  return (
    `${stopped} The token from ${token} was sent with every request, so this is that token's own limit: ` +
    `run again ${when}, or look for what else spends the same account's requests.`
  );
}

/** --deployed-version / --argocd-url, in place of ARGOCD_VERSION / ARGOCD_URL. */
function deployedVersionFlag(values: {
  'deployed-version'?: string;
  'argocd-url'?: string;
}): DeployedVersionOverride | undefined {
  const version = values['deployed-version'];
  const url = values['argocd-url'];
  if (version !== undefined && url !== undefined) {
    throw new UsageError('give --deployed-version or --argocd-url, not both');
  }
  if (version !== undefined) return { version: { value: version, flag: '--deployed-version' } };
  if (url !== undefined) return { url: { value: url, flag: '--argocd-url' } };
  return undefined;
}

export async function upstreamCheckCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      catalog: { type: 'string' },
      'deployed-version': { type: 'string' },
      'argocd-url': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  // The same wiring as the scheduled watch (functions/upstream-watch/deps.ts), flags over the environment.
  const catalog =
    values.catalog === undefined
      ? await readFixCatalog(io.env)
      : await loadFixCatalog(values.catalog, '--catalog');
  const deployed = await deployedVersionSource(
    readDeployedVersionSettings(io.env, deployedVersionFlag(values)),
  ).current();
  const githubSettings = readGitHubSettings(io.env);
  const client = createGitHubClient(githubSettings, io.clock);
  const outcome = await checkUpstream(
    { github: client, clock: io.clock },
    catalog,
    emptyKnowledge(),
    deployed,
  );
  if (outcome.kind === 'rate-limited') {
    writeLine(io.stderr, `relogin-monitor upstream-check: ${rateLimitMessage(outcome, githubSettings)}`);
    return EXIT.failed;
  }
  writeLine(
    io.stdout,
    values.json ? JSON.stringify(toJsonOutput(outcome.findings)) : renderSummary(outcome.findings),
  );
  return EXIT.ok;
}
