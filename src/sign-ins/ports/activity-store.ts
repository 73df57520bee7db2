import type { ActivityEvent, UserSessionState } from '../../relogins';

export interface UserKey {
  userPoolId: string;
  clientId: string;
  user: string;
}

export interface ClientScope {
  userPoolId: string;
  clientId: string;
}

export interface StoredUserState {
  state: UserSessionState;
  /** 0 when nothing is stored yet; every commit increments it. */
  version: number;
}

export interface CallOptions {
  abortSignal?: AbortSignal;
}

/** Another writer changed the user's state since it was read: read again and retry. */
export class StaleStateError extends Error {
  constructor(message = 'user state changed since it was read') {
    super(message);
    this.name = 'StaleStateError';
  }
}

/** Per-user session state plus a day-partitioned log of counted activity. */
export interface ActivityStore {
  readUserState(key: UserKey, options?: CallOptions): Promise<StoredUserState>;
  /**
   * Atomically replaces the state stored at `expectedVersion` and appends `event` to the log.
   * @throws StaleStateError when the stored version is no longer `expectedVersion`.
   */
  commit(
    key: UserKey,
    expectedVersion: number,
    next: UserSessionState,
    event: ActivityEvent,
    options?: CallOptions,
  ): Promise<void>;
  /** Counted activity with `from < at <= to` (epoch ms), read with Queries on the day partitions. */
  listActivity(scope: ClientScope, from: number, to: number, options?: CallOptions): Promise<ActivityEvent[]>;
}
