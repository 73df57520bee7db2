import { describe, expect, it } from 'vitest';
import {
  MalformedResponseError,
  toComparison,
  toPullRecord,
  toReleaseRecords,
} from '../../../src/adapters/github/records';

/** A compare answer as GitHub sends it, trimmed to the fields that matter plus a few that do not. */
const CRAFTED_COMPARE = {
  status: 'diverged',
  ahead_by: 3,
  behind_by: 616,
  total_commits: 3,
  merge_base_commit: { sha: '45c8fd9d2bdadc1f102e892cc15f3cf778ac12ae' },
  commits: [
    {
      sha: 'a1',
      commit: { message: 'chore(deps): bump golang.org/x/net (#28001)', author: { name: 'bot' } },
    },
    {
      sha: 'a2',
      commit: {
        message:
          'fix: use OIDC refresh tokens to renew expired sessions (cherry-pick #27777 for 3.4) (#28688)\n\nSigned-off-by: x',
      },
    },
    { sha: 'a3', commit: { message: 'Bump version to 3.4.6' } },
  ],
  files: [{ filename: 'VERSION' }],
};

describe('Function: toComparison', () => {
  it('should read the status and the commit messages of a compare answer', () => {
    expect(toComparison(CRAFTED_COMPARE)).toEqual({
      status: 'diverged',
      commitMessages: [
        'chore(deps): bump golang.org/x/net (#28001)',
        'fix: use OIDC refresh tokens to renew expired sessions (cherry-pick #27777 for 3.4) (#28688)\n\nSigned-off-by: x',
        'Bump version to 3.4.6',
      ],
    });
  });

  it('should take an answer without a commits list as naming none', () => {
    expect(toComparison({ status: 'ahead' })).toEqual({ status: 'ahead', commitMessages: [] });
  });

  it.each([
    [
      { status: 'sideways' },
      'comparison.status must be one of ahead, behind, identical, diverged, got "sideways"',
    ],
    [{ status: 'ahead', commits: {} }, 'comparison.commits must be an array, got {}'],
    [{ status: 'ahead', commits: [{ sha: 'a1' }] }, 'comparison.commits[0].commit is missing'],
    [
      { status: 'ahead', commits: [{ commit: { message: 7 } }] },
      'comparison.commits[0].commit.message must be a string, got 7',
    ],
    [null, 'comparison must be an object, got null'],
    [[], 'comparison must be an object, got []'],
  ])('should refuse %j as malformed', (json, message) => {
    expect(() => toComparison(json)).toThrow(MalformedResponseError);
    expect(() => toComparison(json)).toThrow(message);
  });
});

describe('Function: toReleaseRecords', () => {
  const release = {
    tag_name: 'v3.4.6',
    draft: false,
    prerelease: false,
    published_at: '2026-05-04T10:00:00Z',
    body: null,
  };

  it('should read a release list, a null body as empty', () => {
    expect(toReleaseRecords([release])).toEqual([
      {
        tagName: 'v3.4.6',
        draft: false,
        prerelease: false,
        publishedAt: Date.parse('2026-05-04T10:00:00Z'),
        body: '',
      },
    ]);
  });

  it.each([
    [{}, 'releases must be an array, got {}'],
    [
      [release, release, release, { ...release, tag_name: 7 }],
      'releases[3].tag_name must be a string, got 7',
    ],
    [[{ ...release, published_at: 'yesterday' }], 'releases[0].published_at must be a time, got "yesterday"'],
    [[{ ...release, draft: undefined }], 'releases[0].draft must be true or false, got undefined'],
  ])('should refuse %j naming the field and its place', (json, message) => {
    expect(() => toReleaseRecords(json)).toThrow(MalformedResponseError);
    expect(() => toReleaseRecords(json)).toThrow(message);
  });
});

describe('Function: toPullRecord', () => {
  const pull = {
    number: 27777,
    merged: true,
    merged_at: null,
    merge_commit_sha: 'abc',
    base: { ref: 'master' },
  };

  it('should read a pull request', () => {
    expect(toPullRecord(pull)).toEqual({
      number: 27777,
      merged: true,
      mergedAt: null,
      mergeCommitSha: 'abc',
      baseRef: 'master',
    });
  });

  it('should name the nested field that is wrong', () => {
    expect(() => toPullRecord({ ...pull, base: { ref: null } })).toThrow(
      'pull.base.ref must be a string, got null',
    );
  });
});
