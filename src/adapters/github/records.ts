/** Validates GitHub's JSON and reduces it to the records the watcher uses; anything else is malformed. */
import {
  COMPARE_STATUSES,
  type CompareStatus,
  type Comparison,
  type PullRecord,
  type ReleaseRecord,
} from '../../upstream';

export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedResponseError(`${what} is not an object`);
  }
  return value as Json;
}

function field<T>(source: Json, name: string, what: string, check: (value: unknown) => value is T): T {
  const value = source[name];
  if (!check(value))
    throw new MalformedResponseError(`${what}: field "${name}" is missing or of the wrong type`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === 'string';

function time(value: string | null, what: string): number | null {
  if (value === null) return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new MalformedResponseError(`${what}: "${value}" is not a time`);
  return parsed;
}

export function toReleaseRecords(json: unknown): ReleaseRecord[] {
  if (!Array.isArray(json)) throw new MalformedResponseError('release list is not an array');
  return json.map((item, index) => {
    const what = `release ${index}`;
    const release = object(item, what);
    return {
      tagName: field(release, 'tag_name', what, isString),
      draft: field(release, 'draft', what, isBoolean),
      prerelease: field(release, 'prerelease', what, isBoolean),
      publishedAt: time(field(release, 'published_at', what, isStringOrNull), what),
      body: field(release, 'body', what, isStringOrNull) ?? '',
    };
  });
}

export function toPullRecord(json: unknown): PullRecord {
  const pull = object(json, 'pull request');
  const what = `pull request ${String(pull.number)}`;
  const base = object(pull.base, `${what} base`);
  return {
    number: field(pull, 'number', what, isNumber),
    merged: field(pull, 'merged', what, isBoolean),
    mergedAt: time(field(pull, 'merged_at', what, isStringOrNull), what),
    mergeCommitSha: field(pull, 'merge_commit_sha', what, isStringOrNull),
    baseRef: field(base, 'ref', `${what} base`, isString),
  };
}

export function toComparison(json: unknown): Comparison {
  const comparison = object(json, 'comparison');
  const status = comparison.status;
  if (!COMPARE_STATUSES.includes(status as CompareStatus)) {
    throw new MalformedResponseError(
      `comparison status ${JSON.stringify(status)} is not one of ${COMPARE_STATUSES.join(', ')}`,
    );
  }
  // GitHub always lists commits; a stored answer without the list simply names no backport.
  const commits = comparison.commits ?? [];
  if (!Array.isArray(commits)) throw new MalformedResponseError('comparison commits is not an array');
  const commitMessages = commits.map((item, index) => {
    const what = `comparison commit ${index}`;
    const commit = object(object(item, what).commit, `${what} commit`);
    return field(commit, 'message', `${what} commit`, isString);
  });
  return { status: status as CompareStatus, commitMessages };
}
