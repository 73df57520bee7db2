/**
 * In-memory ActivityStore keeping the port's contract: versioned per-user state replaced only at the
 * expected version (else StaleStateError), the event appended in the same step, and `listActivity`
 * answering `from < at <= to` in time order. Calls honour their abort signal while scripted to hang.
 */
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { EMPTY_SESSION_STATE, type UserSessionState } from '../../../src/relogins/domain/session-rules';
import {
  type ActivityStore,
  type CallOptions,
  type ClientScope,
  StaleStateError,
  type StoredUserState,
  type UserKey,
} from '../../../src/sign-ins/ports/activity-store';
import { FakePort, type Timeline } from './script';

type Operation = 'readUserState' | 'commit' | 'listActivity';

function userId({ userPoolId, clientId, user }: UserKey): string {
  return JSON.stringify([userPoolId, clientId, user]);
}

export class FakeActivityStore extends FakePort<Operation> implements ActivityStore {
  private readonly states = new Map<string, StoredUserState>();
  /** Every committed event, in commit order. */
  readonly events: ActivityEvent[] = [];

  constructor(timeline?: Timeline) {
    super('activity', timeline);
  }

  async readUserState(key: UserKey, options: CallOptions = {}): Promise<StoredUserState> {
    await this.enter('readUserState', [key], options.abortSignal);
    return structuredClone(this.states.get(userId(key)) ?? { state: EMPTY_SESSION_STATE, version: 0 });
  }

  async commit(
    key: UserKey,
    expectedVersion: number,
    next: UserSessionState,
    event: ActivityEvent,
    options: CallOptions = {},
  ): Promise<void> {
    await this.enter('commit', [key, expectedVersion, next, event], options.abortSignal);
    const stored = this.states.get(userId(key))?.version ?? 0;
    if (stored !== expectedVersion) {
      throw new StaleStateError(`user state changed since version ${expectedVersion} (now ${stored})`);
    }
    this.states.set(userId(key), { state: structuredClone(next), version: expectedVersion + 1 });
    this.events.push(structuredClone(event));
  }

  async listActivity(
    scope: ClientScope,
    from: number,
    to: number,
    options: CallOptions = {},
  ): Promise<ActivityEvent[]> {
    await this.enter('listActivity', [scope, from, to], options.abortSignal);
    return this.events
      .filter(
        (event) =>
          event.userPoolId === scope.userPoolId &&
          event.clientId === scope.clientId &&
          event.at > from &&
          event.at <= to,
      )
      .sort((a, b) => a.at - b.at)
      .map((event) => structuredClone(event));
  }
}
