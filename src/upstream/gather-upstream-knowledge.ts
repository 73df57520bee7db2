/**
 * Asks GitHub what the planner needs until it needs nothing more. A used-up rate limit or the run's
 * deadline ends the run early with everything learnt so far, so the next run continues; any other
 * GitHub failure propagates (GitHubError) and the caller keeps its stored knowledge untouched.
 */
import { type Deadline, DeadlineExceededError, NO_DEADLINE } from '../shared/deadline';
import type { FixEntry } from './domain/catalog';
import {
  type Knowledge,
  learnAncestry,
  learnPull,
  learnReleasePage,
  repoKnowledge,
  toReleaseFacts,
} from './domain/knowledge';
import { nextQuestion, type Question, refreshKey } from './domain/planner';
import { type GitHubApi, GitHubRateLimitError } from './ports/github';

export type GatherResult =
  | { complete: true; knowledge: Knowledge; requests: number }
  | {
      complete: false;
      stoppedBy: 'rate-limit';
      knowledge: Knowledge;
      requests: number;
      resetAt: number | null;
      reason: string;
    }
  | { complete: false; stoppedBy: 'deadline'; knowledge: Knowledge; requests: number; reason: string };

async function ask(
  github: GitHubApi,
  knowledge: Knowledge,
  question: Question,
  deadline: Deadline,
): Promise<Knowledge> {
  const { repo } = question;
  const options = { deadline };
  switch (question.kind) {
    case 'pull': {
      const answer = await github.getPull(repo, question.number, question.etag, options);
      return answer.notModified ? knowledge : learnPull(knowledge, repo, answer.value, answer.etag);
    }
    case 'releases': {
      const answer = await github.listReleases(repo, question.page, question.etag, options);
      if (answer.notModified) {
        const stored = repoKnowledge(knowledge, repo).releasePages.find(
          (page) => page.page === question.page,
        );
        if (stored === undefined)
          throw new Error(`304 for release page ${question.page} that was never stored`);
        return learnReleasePage(knowledge, repo, stored);
      }
      return learnReleasePage(knowledge, repo, {
        page: question.page,
        etag: answer.etag,
        hasNext: answer.value.hasNext,
        releases: toReleaseFacts(answer.value.releases),
      });
    }
    case 'compare': {
      const { status, commitMessages } = await github.compare(repo, question.base, question.head, options);
      return learnAncestry(knowledge, repo, question.base, question.head, status, commitMessages);
    }
  }
}

export async function gatherUpstreamKnowledge(
  github: GitHubApi,
  catalog: readonly FixEntry[],
  stored: Knowledge,
  deadline: Deadline = NO_DEADLINE,
): Promise<GatherResult> {
  let knowledge = stored;
  const refreshed = new Set<string>();
  for (let requests = 0; ; requests += 1) {
    const question = nextQuestion(catalog, knowledge, refreshed);
    if (question === null) return { complete: true, knowledge, requests };
    const key = refreshKey(question);
    // The planner must make progress with every answer; asking twice would loop forever.
    if (refreshed.has(key)) throw new Error(`upstream planner asked twice: ${key}`);
    try {
      knowledge = await ask(github, knowledge, question, deadline);
    } catch (error) {
      if (error instanceof DeadlineExceededError) {
        return { complete: false, stoppedBy: 'deadline', knowledge, requests, reason: error.message };
      }
      if (!(error instanceof GitHubRateLimitError)) throw error;
      const { resetAt, message: reason } = error;
      return { complete: false, stoppedBy: 'rate-limit', knowledge, requests, resetAt, reason };
    }
    refreshed.add(key);
  }
}
