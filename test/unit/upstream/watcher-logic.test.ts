import { describe, expect, it } from 'vitest';
import type { FixEntry } from '../../../src/upstream/domain/catalog';
import { buildUpstreamFindings } from '../../../src/upstream/domain/findings';
import type { CompareStatus, PullRecord, ReleaseRecord } from '../../../src/upstream/domain/github-records';
import {
  emptyKnowledge,
  type Knowledge,
  learnAncestry,
  learnPull,
  learnReleasePage,
  toReleaseFacts,
} from '../../../src/upstream/domain/knowledge';
import { nextQuestion, type Question, refreshKey } from '../../../src/upstream/domain/planner';

const REPO = 'acme/app';
const MASTER_SHA = 'm'.repeat(40);
const BACKPORT_SHA = 'b'.repeat(40);

function release(tagName: string, publishedAt: string, body = '', draft = false): ReleaseRecord {
  return {
    tagName,
    draft,
    prerelease: tagName.includes('-'),
    publishedAt: draft ? null : Date.parse(publishedAt),
    body,
  };
}

function pull(number: number, mergedAt: string | null, baseRef = 'master', sha = MASTER_SHA): PullRecord {
  return {
    number,
    merged: mergedAt !== null,
    mergedAt: mergedAt === null ? null : Date.parse(mergedAt),
    mergeCommitSha: mergedAt === null ? null : sha,
    baseRef,
  };
}

function entry(pulls: number[]): FixEntry {
  return { id: 'the-fix', repo: REPO, title: 'The fix', pulls };
}

/**
 * Runs the planner to completion, answering release and pull questions from the given records and
 * compare questions from `contains` (tags that hold the commit). Returns the knowledge and the questions.
 */
function plan(
  catalog: FixEntry[],
  pulls: PullRecord[],
  releases: ReleaseRecord[],
  contains: Record<string, string[]>,
  /** Commit messages a compare lists for a tag (what it has beyond the merge commit). */
  commitsOf: Record<string, string[]> = {},
) {
  let knowledge: Knowledge = emptyKnowledge();
  const refreshed = new Set<string>();
  const asked: Question[] = [];
  for (
    let question = nextQuestion(catalog, knowledge, refreshed);
    question !== null;
    question = nextQuestion(catalog, knowledge, refreshed)
  ) {
    asked.push(question);
    refreshed.add(refreshKey(question));
    if (question.kind === 'pull') {
      const found = pulls.find((candidate) => candidate.number === question.number) as PullRecord;
      knowledge = learnPull(knowledge, REPO, found, null);
    } else if (question.kind === 'releases') {
      knowledge = learnReleasePage(knowledge, REPO, {
        page: 1,
        etag: null,
        hasNext: false,
        releases: toReleaseFacts(releases),
      });
    } else {
      const status: CompareStatus = contains[question.base]?.includes(question.head) ? 'ahead' : 'diverged';
      knowledge = learnAncestry(
        knowledge,
        REPO,
        question.base,
        question.head,
        status,
        commitsOf[question.head] ?? [],
      );
    }
  }
  return { knowledge, asked, compares: asked.filter((question) => question.kind === 'compare') };
}

const LINE_2_0 = [
  'v2.0.0-rc1',
  'v2.0.0',
  'v2.0.1',
  'v2.0.2',
  'v2.0.3',
  'v2.0.4',
  'v2.0.5',
  'v2.0.6',
  'v2.0.7',
];

describe('Module: upstream watcher logic', () => {
  it('should find the first containing release of a line by bisection, not one compare per release', () => {
    const releases = LINE_2_0.map((tag, index) => release(tag, `2026-02-0${index + 1}T00:00:00Z`));
    const { knowledge, compares } = plan([entry([1])], [pull(1, '2026-01-01T00:00:00Z')], releases, {
      [MASTER_SHA]: LINE_2_0.slice(5),
    });
    const report = buildUpstreamFindings([entry([1])], knowledge, 'v2.0.3', 0);
    expect(report.fixes[0]).toMatchObject({
      fixedIn: ['v2.0.4'],
      fixedInPrerelease: [],
      deployedHasFix: false,
      upgradeTo: 'v2.0.4',
    });
    // lowest, highest, then bisection of 7 in between: at most 2 + ceil(log2(8)) compares.
    expect(compares.length).toBeLessThanOrEqual(5);
  });

  it('should never ask about releases published before the merge', () => {
    const releases = [release('v2.0.0', '2026-01-01T00:00:00Z'), release('v2.0.1', '2026-03-01T00:00:00Z')];
    const { compares } = plan([entry([1])], [pull(1, '2026-02-01T00:00:00Z')], releases, {
      [MASTER_SHA]: ['v2.0.1'],
    });
    expect(compares.map((question) => question.kind === 'compare' && question.head)).toEqual(['v2.0.1']);
  });

  it('should order lines and releases by semver, not by publication order', () => {
    // The 1.9 patch is published after 2.0.0: it must still come first and be judged in its own line.
    const releases = [
      release('v2.0.0', '2026-02-01T00:00:00Z'),
      release('v1.9.5', '2026-02-02T00:00:00Z', '* fix: the fix (cherry-pick #1 for 1.9) (#2)'),
      release('v1.9.4', '2026-01-20T00:00:00Z'),
    ];
    const { knowledge } = plan([entry([1])], [pull(1, '2026-01-10T00:00:00Z')], releases, {
      [MASTER_SHA]: ['v2.0.0'],
    });
    const fix = buildUpstreamFindings([entry([1])], knowledge, 'v1.9.4', 0).fixes[0];
    expect(fix).toMatchObject({ fixedIn: ['v1.9.5', 'v2.0.0'], deployedHasFix: false, upgradeTo: 'v1.9.5' });
  });

  it('should find a backport named only in release notes and spend no compare below it', () => {
    const releases = [
      release('v1.9.6', '2026-03-02T00:00:00Z'),
      release('v1.9.5', '2026-03-01T00:00:00Z', 'abc: fix it (cherry-pick #1 for 1.9) (#2)'),
    ];
    const { knowledge, compares } = plan([entry([1])], [pull(1, '2026-02-01T00:00:00Z')], releases, {});
    expect(compares).toEqual([]);
    const fix = buildUpstreamFindings([entry([1])], knowledge, 'v1.9.6', 0).fixes[0];
    expect(fix).toMatchObject({ fixedIn: ['v1.9.5'], deployedHasFix: true, upgradeTo: null });
  });

  it('should find a backport named only in the commits a compare listed, and stop comparing below it', () => {
    // No release notes: v1.9.3 is diverged from the master merge, but its commits carry the cherry-pick.
    const tags = ['v1.9.0', 'v1.9.1', 'v1.9.2', 'v1.9.3', 'v1.9.4'];
    const releases = tags.map((tag, index) => release(tag, `2026-03-0${index + 1}T00:00:00Z`));
    const backport = ['chore: bump deps', 'fix: renew sessions (cherry-pick #1 for 1.9) (#2)'];
    const { knowledge, compares } = plan(
      [entry([1])],
      [pull(1, '2026-02-01T00:00:00Z')],
      releases,
      {},
      { 'v1.9.3': backport, 'v1.9.4': backport },
    );
    const fix = buildUpstreamFindings([entry([1])], knowledge, 'v1.9.2', 0).fixes[0];
    expect(fix).toMatchObject({ fixedIn: ['v1.9.3'], deployedHasFix: false, upgradeTo: 'v1.9.3' });
    expect(knowledge.repos[REPO]?.commitCherryPicks).toMatchObject({ 'v1.9.4': [1] });
    // lowest (v1.9.0), highest (v1.9.4: picked), then bisection below it only.
    expect(compares.length).toBeLessThanOrEqual(4);
    expect(
      compares.filter((question) => question.kind === 'compare' && question.head === 'v1.9.4'),
    ).toHaveLength(1);
  });

  it('should not take a cherry-pick of an unlisted PR from the commits as the fix', () => {
    const releases = [release('v1.9.0', '2026-03-01T00:00:00Z'), release('v1.9.1', '2026-03-02T00:00:00Z')];
    const { knowledge } = plan(
      [entry([1])],
      [pull(1, '2026-02-01T00:00:00Z')],
      releases,
      {},
      {
        'v1.9.1': ['fix: something else (cherry-pick #11 for 1.9) (#12)'],
      },
    );
    expect(buildUpstreamFindings([entry([1])], knowledge, null, 0).fixes[0]?.fixedIn).toEqual([]);
  });

  it('should look for a release-branch backport only in its own line', () => {
    const releases = [release('v1.9.5', '2026-03-01T00:00:00Z'), release('v2.0.1', '2026-03-01T00:00:00Z')];
    const { compares } = plan(
      [entry([2])],
      [pull(2, '2026-02-01T00:00:00Z', 'release-1.9', BACKPORT_SHA)],
      releases,
      {
        [BACKPORT_SHA]: ['v1.9.5'],
      },
    );
    expect(compares.map((question) => question.kind === 'compare' && question.head)).toEqual(['v1.9.5']);
  });

  it('should report a line with only a prerelease apart, and upgrade to the next line that has a GA fix', () => {
    const releases = [
      release('v2.1.0-rc1', '2026-03-01T00:00:00Z'),
      release('v2.0.0', '2026-02-01T00:00:00Z'),
      release('v1.9.0', '2026-01-01T00:00:00Z'),
      release('v2.2.0-rc1', '2026-03-05T00:00:00Z', '', true),
    ];
    const { knowledge, asked } = plan([entry([1])], [pull(1, '2025-12-01T00:00:00Z')], releases, {
      [MASTER_SHA]: ['v2.0.0', 'v2.1.0-rc1'],
    });
    expect(asked.some((question) => question.kind === 'compare' && question.head === 'v2.2.0-rc1')).toBe(
      false,
    );
    const fix = buildUpstreamFindings([entry([1])], knowledge, 'v1.9.0', 0).fixes[0];
    expect(fix).toMatchObject({
      fixedIn: ['v2.0.0'],
      fixedInPrerelease: ['v2.1.0-rc1'],
      upgradeTo: 'v2.0.0',
    });
  });

  it('should report an unmerged fix as such without reading releases, and unknown deployment as null', () => {
    const { knowledge, asked } = plan(
      [entry([9])],
      [pull(9, null)],
      [release('v2.0.0', '2026-01-01T00:00:00Z')],
      {},
    );
    expect(asked.map((question) => question.kind)).toEqual(['pull']);
    expect(buildUpstreamFindings([entry([9])], knowledge, null, 0).fixes[0]).toMatchObject({
      merged: false,
      fixedIn: [],
      fixedInPrerelease: [],
      deployedHasFix: null,
      upgradeTo: null,
    });
    expect(buildUpstreamFindings([entry([9])], knowledge, 'v2.0.0', 0).fixes[0]).toMatchObject({
      deployedHasFix: false,
      upgradeTo: null,
    });
  });

  it('should keep drafts and non-version tags out of the releases', () => {
    const facts = toReleaseFacts([
      release(
        'v2.0.0',
        '2026-01-01T00:00:00Z',
        'x (cherry-pick #7 for 2.0) y (cherry-pick #5 for 2.0) (CHERRY-PICK #7)',
      ),
      release('v2.0.1', '', '', true),
      release('nightly', '2026-01-02T00:00:00Z'),
    ]);
    expect(facts).toEqual([
      {
        tag: 'v2.0.0',
        prerelease: false,
        publishedAt: Date.parse('2026-01-01T00:00:00Z'),
        cherryPicks: [5, 7],
      },
    ]);
  });
});
