/**
 * The fix catalog: which upstream pull requests make up each tracked fix, as data an operator can
 * extend without code changes. Validated strictly so a typo fails loudly instead of tracking nothing.
 */
import { normalizeVersion } from './version';

export interface FixEntry {
  id: string;
  /** "owner/name" on the GitHub instance the watcher talks to. */
  repo: string;
  title: string;
  /** The original PR first, then backport PRs known when the entry was written. */
  pulls: number[];
  /** What to configure once the fix is deployed. */
  advice?: string;
  /**
   * The id of the fix this entry is only a prerequisite of (e.g. the setting a later fix makes work):
   * shown as context inside that fix's message, never announced on its own.
   */
  prerequisiteOf?: string;
  /**
   * The first GA release of each minor line that has it, as documented when the entry was written
   * (e.g. ["v3.4.6", "v3.5.0"]): what the advice names before the watcher has found the releases itself.
   */
  firstReleases?: string[];
}

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

const ALLOWED_KEYS = new Set(['id', 'repo', 'title', 'pulls', 'advice', 'prerequisiteOf', 'firstReleases']);
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const REPO_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function parseEntry(raw: unknown, where: string): FixEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CatalogError(`${where} must be an object`);
  }
  const entry = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(entry).filter((key) => !ALLOWED_KEYS.has(key));
  if (unknownKeys.length > 0) {
    throw new CatalogError(
      `${where} has unknown field(s) ${unknownKeys.map((key) => `"${key}"`).join(', ')}; allowed: ${[...ALLOWED_KEYS].join(', ')}`,
    );
  }
  const { id, repo, title, pulls, advice, prerequisiteOf, firstReleases } = entry;
  if (!isNonEmptyString(id) || !ID_PATTERN.test(id)) {
    throw new CatalogError(
      `${where}: "id" must be lower-case letters, digits and dashes, got ${JSON.stringify(id)}`,
    );
  }
  const named = `${where} ("${id}")`;
  if (!isNonEmptyString(repo) || !REPO_PATTERN.test(repo)) {
    throw new CatalogError(`${named}: "repo" must be "owner/name", got ${JSON.stringify(repo)}`);
  }
  if (!isNonEmptyString(title)) throw new CatalogError(`${named}: "title" must be a non-empty string`);
  if (
    !Array.isArray(pulls) ||
    pulls.length === 0 ||
    !pulls.every((pull) => Number.isSafeInteger(pull) && (pull as number) > 0)
  ) {
    throw new CatalogError(
      `${named}: "pulls" must be a non-empty array of PR numbers, got ${JSON.stringify(pulls)}`,
    );
  }
  if (new Set(pulls).size !== pulls.length) throw new CatalogError(`${named}: "pulls" lists a PR twice`);
  if (advice !== undefined && !isNonEmptyString(advice)) {
    throw new CatalogError(`${named}: "advice" must be a non-empty string when given`);
  }
  if (
    prerequisiteOf !== undefined &&
    (!isNonEmptyString(prerequisiteOf) || !ID_PATTERN.test(prerequisiteOf))
  ) {
    throw new CatalogError(
      `${named}: "prerequisiteOf" must be the id of another entry, got ${JSON.stringify(prerequisiteOf)}`,
    );
  }
  if (
    firstReleases !== undefined &&
    (!Array.isArray(firstReleases) ||
      firstReleases.length === 0 ||
      !firstReleases.every((release) => typeof release === 'string' && normalizeVersion(release) === release))
  ) {
    throw new CatalogError(
      `${named}: "firstReleases" must be a non-empty array of versions like "v3.4.6", got ${JSON.stringify(firstReleases)}`,
    );
  }
  return {
    id,
    repo,
    title,
    pulls: pulls as number[],
    ...(advice === undefined ? {} : { advice }),
    ...(prerequisiteOf === undefined ? {} : { prerequisiteOf }),
    ...(firstReleases === undefined ? {} : { firstReleases: firstReleases as string[] }),
  };
}

/** The entries announced on their own: every fix that is not only a prerequisite of another. */
export function announcedFixes(catalog: readonly FixEntry[]): FixEntry[] {
  return catalog.filter((entry) => entry.prerequisiteOf === undefined);
}

/** Validates a parsed catalog; `source` names the file in error messages. */
export function parseCatalog(raw: unknown, source: string): FixEntry[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new CatalogError(`${source}: the catalog must be a non-empty JSON array of fix entries`);
  }
  const entries = raw.map((item, index) => parseEntry(item, `${source}: entry ${index + 1}`));
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) throw new CatalogError(`${source}: fix id "${id}" appears twice`);
    seen.add(id);
  }
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const { id, prerequisiteOf } of entries) {
    if (prerequisiteOf === undefined) continue;
    const fix = byId.get(prerequisiteOf);
    if (fix === undefined || fix.id === id) {
      throw new CatalogError(
        `${source}: "${id}" is a prerequisite of "${prerequisiteOf}", which is not another entry`,
      );
    }
    if (fix.prerequisiteOf !== undefined) {
      throw new CatalogError(
        `${source}: "${id}" is a prerequisite of "${prerequisiteOf}", itself only a prerequisite: name the fix it leads to`,
      );
    }
  }
  return entries;
}
