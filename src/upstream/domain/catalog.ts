/**
 * The fix catalog: which upstream pull requests make up each tracked fix, as data an operator can
 * extend without code changes. Validated strictly so a typo fails loudly instead of tracking nothing.
 */
import * as v from 'valibot';
import { defaultMessage, mustBe, parseWith, plainObject, shownValue, text } from '../../shared/validation';
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

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const REPO_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

const fixId = (expected: string) => v.pipe(v.string(mustBe(expected)), v.regex(ID_PATTERN, mustBe(expected)));
const PULLS = 'a non-empty array of PR numbers, each listed once';
const PULL = 'a PR number (a positive integer)';
const RELEASE = 'a version like "v3.4.6"';

const ENTRY_FIELDS = {
  id: fixId('lower-case letters, digits and dashes'),
  repo: v.pipe(v.string(mustBe('"owner/name"')), v.regex(REPO_PATTERN, mustBe('"owner/name"'))),
  title: text,
  pulls: v.pipe(
    v.array(
      v.pipe(v.number(mustBe(PULL)), v.safeInteger(mustBe(PULL)), v.minValue(1, mustBe(PULL))),
      mustBe(PULLS),
    ),
    v.nonEmpty(mustBe(PULLS)),
    v.check((pulls) => new Set(pulls).size === pulls.length, mustBe(`${PULLS} (one is listed twice)`)),
  ),
  advice: v.optional(text),
  prerequisiteOf: v.optional(fixId('the id of another entry')),
  firstReleases: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(mustBe(RELEASE)),
          v.check((release) => normalizeVersion(release) === release, mustBe(RELEASE)),
        ),
        mustBe('a non-empty array of versions'),
      ),
      v.nonEmpty(mustBe('a non-empty array of versions')),
    ),
  ),
};

const ENTRY = v.pipe(
  plainObject(),
  v.strictObject(ENTRY_FIELDS, (issue) =>
    issue.expected === 'never'
      ? `is not a known field (allowed: ${Object.keys(ENTRY_FIELDS).join(', ')})`
      : defaultMessage(issue),
  ),
);

const CATALOG = v.pipe(
  v.array(v.unknown(), mustBe('a non-empty JSON array of fix entries')),
  v.nonEmpty(mustBe('a non-empty JSON array of fix entries')),
);

function parseEntry(raw: unknown, where: string): FixEntry {
  const id = (raw as { id?: unknown } | null)?.id;
  const named = typeof id === 'string' ? `${where} (${shownValue(id)})` : where;
  const { advice, prerequisiteOf, firstReleases, ...entry } = parseWith(
    ENTRY,
    raw,
    (message) => new CatalogError(`${named}: ${message}`),
  );
  return {
    ...entry,
    ...(advice === undefined ? {} : { advice }),
    ...(prerequisiteOf === undefined ? {} : { prerequisiteOf }),
    ...(firstReleases === undefined ? {} : { firstReleases }),
  };
}

/** The entries announced on their own: every fix that is not only a prerequisite of another. */
export function announcedFixes(catalog: readonly FixEntry[]): FixEntry[] {
  return catalog.filter((entry) => entry.prerequisiteOf === undefined);
}

/** Validates a parsed catalog; `source` names the file in error messages. */
export function parseCatalog(raw: unknown, source: string): FixEntry[] {
  const items = parseWith(
    CATALOG,
    raw,
    (message) => new CatalogError(`${source}: ${message}`),
    'the catalog',
  );
  const entries = items.map((item, index) => parseEntry(item, `${source}: entry ${index + 1}`));
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
