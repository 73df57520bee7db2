/**
 * `relogin-monitor upstream-check [--catalog FILE] [--deployed-version V | --argocd-url URL] [--json]`:
 * which upstream releases carry each catalogued fix, and whether the deployed Argo CD has it.
 */
import { parseArgs } from 'node:util';
import { fetchArgoCdVersion } from '../adapters/argocd/version-source';
import { GitHubRestClient } from '../adapters/github/rest-client';
import { systemClock } from '../adapters/system-clock';
import { optionalString } from '../config/env';
import { loadFixCatalog, readDeployedVersionSettings, readGitHubSettings } from '../config/upstream';
import { emptyKnowledge } from '../domain/upstream/knowledge';
import type { FixStatus, UpstreamReport } from '../domain/upstream-fix-status';
import { checkUpstream } from '../usecases/check-upstream';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

/** The documented JSON shape, exactly: the report's other fields stay internal. */
export function toJsonOutput(report: UpstreamReport) {
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

export function renderSummary(report: UpstreamReport): string {
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

async function deployedVersion(values: { 'deployed-version'?: string; 'argocd-url'?: string }, io: CliIo) {
  if (values['deployed-version'] !== undefined && values['argocd-url'] !== undefined) {
    throw new UsageError('give --deployed-version or --argocd-url, not both');
  }
  const env =
    values['deployed-version'] !== undefined
      ? { ...io.env, ARGOCD_VERSION: values['deployed-version'], ARGOCD_URL: undefined }
      : values['argocd-url'] !== undefined
        ? { ...io.env, ARGOCD_URL: values['argocd-url'], ARGOCD_VERSION: undefined }
        : io.env;
  const settings = readDeployedVersionSettings(env);
  if (settings.kind === 'fixed') return settings.version;
  if (settings.kind === 'argocd') return fetchArgoCdVersion(settings.url, settings.timeoutMs);
  return null;
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
  const catalog =
    values.catalog === undefined
      ? await loadFixCatalog(optionalString(io.env, 'FIX_CATALOG'))
      : await loadFixCatalog(values.catalog, '--catalog');
  const deployed = await deployedVersion(values, io);
  const github = readGitHubSettings(io.env);
  const client = new GitHubRestClient({
    baseUrl: github.apiUrl,
    token: async () => github.token,
    timeoutMs: github.timeoutMs,
    clock: systemClock,
  });
  const outcome = await checkUpstream(
    { github: client, clock: systemClock },
    catalog,
    emptyKnowledge(),
    deployed,
  );
  if (outcome.kind === 'rate-limited') {
    const reset = outcome.resetAt === null ? '' : ` until ${new Date(outcome.resetAt).toISOString()}`;
    writeLine(
      io.stderr,
      `relogin-monitor upstream-check: GitHub rate limit used up${reset} after ${outcome.requests} requests ` +
        `(${outcome.reason}). Set GITHUB_TOKEN for 5,000 requests an hour.`,
    );
    return EXIT.failed;
  }
  writeLine(
    io.stdout,
    values.json ? JSON.stringify(toJsonOutput(outcome.report)) : renderSummary(outcome.report),
  );
  return EXIT.ok;
}
