/**
 * In-memory SessionCheckpointStore: keeps every checkpoint saved (copies), answers the newest by `at`
 * as the DynamoDB store does; while `refusing`, every save fails (a throttled table), changing nothing.
 */
import type { SessionCheckpoint, SessionCheckpointStore } from '../../../src/relogins';
import { FakePort, type Timeline } from './script';

export class FakeSessionCheckpointStore
  extends FakePort<'latest' | 'save'>
  implements SessionCheckpointStore
{
  readonly saved: SessionCheckpoint[] = [];
  refusing = false;

  constructor(timeline?: Timeline) {
    super('checkpoints', timeline);
  }

  async latest(userPoolId: string): Promise<SessionCheckpoint | null> {
    await this.enter('latest', [userPoolId]);
    const newest = [...this.saved].sort((a, b) => b.at - a.at)[0];
    return newest === undefined ? null : structuredClone(newest);
  }

  async save(userPoolId: string, checkpoint: SessionCheckpoint): Promise<void> {
    await this.enter('save', [userPoolId, checkpoint]);
    if (this.refusing) throw new Error('ProvisionedThroughputExceededException');
    this.saved.push(structuredClone(checkpoint));
  }
}
