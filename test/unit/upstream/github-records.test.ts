import { describe, expect, it } from 'vitest';
import { MalformedResponseError, toComparison } from '../../../src/adapters/github/records';

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
    [{ status: 'sideways' }, /comparison status "sideways" is not one of/],
    [{ status: 'ahead', commits: {} }, /comparison commits is not an array/],
    [{ status: 'ahead', commits: [{ sha: 'a1' }] }, /comparison commit 0 commit is not an object/],
    [
      { status: 'ahead', commits: [{ commit: { message: 7 } }] },
      /field "message" is missing or of the wrong type/,
    ],
  ])('should refuse %j as malformed', (json, message) => {
    expect(() => toComparison(json)).toThrow(MalformedResponseError);
    expect(() => toComparison(json)).toThrow(message);
  });
});
