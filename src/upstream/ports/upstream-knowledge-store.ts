/**
 * The watcher's progress between runs (ETags, learnt facts), so a run stopped by GitHub's rate limit
 * continues at the next one. One real implementation: `src/adapters/dynamodb/upstream-knowledge-store.ts`.
 */
import type { Knowledge } from '../domain/knowledge';

export interface UpstreamKnowledgeStore {
  /** What was saved last; empty knowledge when nothing was. */
  load(): Promise<Knowledge>;
  save(knowledge: Knowledge): Promise<void>;
}
