/**
 * `relogin-monitor upstream-check [--catalog FILE] [--deployed-version V | --argocd-url URL] [--json]`:
 * which upstream releases carry each catalogued fix, and whether the deployed Argo CD has it.
 */
import { parseArgs } from 'node:util';
import { deployedVersionSource } from '../adapters/argocd/version-source';
import { createGitHubClient } from '../adapters/github/create-client';
import { cliLocale } from '../shared/config/settings';
import { type Messages, messagesFor } from '../shared/i18n';
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

function renderSummary(report: UpstreamFindings, m: Messages): string {
  const words = m.text.upstreamCheck;
  const list = (items: readonly string[]) => (items.length === 0 ? words.noneYet : items.join(', '));
  const deployedLine = (fix: FixStatus) => {
    const deployed = report.deployedVersion ?? '';
    if (fix.deployedHasFix === null) return words.deployedUnknown;
    return fix.deployedHasFix
      ? words.deployedHasFix(deployed)
      : words.deployedLacksFix(deployed, fix.upgradeTo);
  };
  const labels = Object.values(words.labels);
  const width = Math.max(...labels.map((label) => label.length)) + 1;
  const row = (label: string, value: string) => `  ${label.padEnd(width)}${value}`;
  const blocks = report.fixes.map((fix) =>
    [
      `${fix.id}: ${m.text.fixTitles[fix.id] ?? fix.title}`,
      row(words.labels.merged, fix.merged ? words.yes : words.no),
      row(words.labels.fixedIn, list(fix.fixedIn)),
      row(words.labels.prereleases, list(fix.fixedInPrerelease)),
      row(words.labels.deployedHasIt, deployedLine(fix)),
      ...(fix.advice === undefined ? [] : [row(words.labels.advice, m.text.fixAdvice[fix.id] ?? fix.advice)]),
    ].join('\n'),
  );
  return [words.deployed(report.deployedVersion), ...blocks].join('\n\n');
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
  m: Messages,
): string {
  const words = m.text.upstreamCheck;
  const stopped = words.rateLimited({
    until: outcome.resetAt === null ? null : new Date(outcome.resetAt).toISOString(),
    requests: outcome.requests,
    reason: outcome.reason,
  });
  const token = tokenSetting(settings);
  return `${stopped} ${token === undefined ? words.noToken : words.tokenLimit(token, outcome.resetAt !== null)}`;
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
      locale: { type: 'string' },
    },
  });
  // --json stays language-neutral (keys and machine values); the summary speaks the locale.
  const messages = messagesFor(cliLocale(values.locale, io.env), 'UTC');
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
    writeLine(
      io.stderr,
      `relogin-monitor upstream-check: ${rateLimitMessage(outcome, githubSettings, messages)}`,
    );
    return EXIT.failed;
  }
  writeLine(
    io.stdout,
    values.json ? JSON.stringify(toJsonOutput(outcome.findings)) : renderSummary(outcome.findings, messages),
  );
  return EXIT.ok;
}
