import type { SessionCheckpoint } from '../domain/session-checkpoint';

/** Where the check keeps its session checkpoints. One real implementation: `src/adapters/dynamodb/`. */
export interface SessionCheckpointStore {
  /** The newest complete checkpoint of the pool, or null when there is none (or only of another schema). */
  latest(userPoolId: string): Promise<SessionCheckpoint | null>;
  save(userPoolId: string, checkpoint: SessionCheckpoint): Promise<void>;
}
