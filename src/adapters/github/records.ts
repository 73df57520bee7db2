/** Validates GitHub's JSON and reduces it to the records the watcher uses; anything else is malformed. */
import * as v from 'valibot';
import { mustBe, oneOf, parseWith, plainObject } from '../../shared/validation';
import { COMPARE_STATUSES, type Comparison, type PullRecord, type ReleaseRecord } from '../../upstream';

export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

/** An ISO time GitHub sends (or null), as epoch ms. */
const time = v.nullable(
  v.pipe(
    v.string(),
    v.check((text) => !Number.isNaN(Date.parse(text)), mustBe('a time')),
    v.transform((text) => Date.parse(text)),
  ),
);

const RELEASES = v.array(
  v.pipe(
    plainObject(),
    v.object({
      tag_name: v.string(),
      draft: v.boolean(),
      prerelease: v.boolean(),
      published_at: time,
      body: v.nullable(v.string()),
    }),
  ),
);

const PULL = v.pipe(
  plainObject(),
  v.object({
    number: v.number(),
    merged: v.boolean(),
    merged_at: time,
    merge_commit_sha: v.nullable(v.string()),
    base: v.object({ ref: v.string() }),
  }),
);

const COMPARISON = v.pipe(
  plainObject(),
  v.object({
    status: oneOf(COMPARE_STATUSES),
    // GitHub always lists commits; a stored answer without the list simply names no backport.
    commits: v.optional(v.array(v.object({ commit: v.object({ message: v.string() }) })), []),
  }),
);

function parse<S extends v.GenericSchema>(schema: S, json: unknown, root: string): v.InferOutput<S> {
  return parseWith(schema, json, (message) => new MalformedResponseError(message), root);
}

export function toReleaseRecords(json: unknown): ReleaseRecord[] {
  return parse(RELEASES, json, 'releases').map((release) => ({
    tagName: release.tag_name,
    draft: release.draft,
    prerelease: release.prerelease,
    publishedAt: release.published_at,
    body: release.body ?? '',
  }));
}

export function toPullRecord(json: unknown): PullRecord {
  const pull = parse(PULL, json, 'pull');
  return {
    number: pull.number,
    merged: pull.merged,
    mergedAt: pull.merged_at,
    mergeCommitSha: pull.merge_commit_sha,
    baseRef: pull.base.ref,
  };
}

export function toComparison(json: unknown): Comparison {
  const { status, commits } = parse(COMPARISON, json, 'comparison');
  return { status, commitMessages: commits.map((item) => item.commit.message) };
}
