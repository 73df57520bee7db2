/**
 * What was last notified for a key, plus a short lease so that only one run at a time can be between
 * "decided to post" and "recorded that it posted". One real implementation:
 * `src/adapters/dynamodb/notification-ledger.ts`. Used through `src/notifications/notify-once.ts`.
 */
export interface LedgerEntry<S> {
  /** The state recorded by the last confirmed notification; null when nothing was ever sent. */
  state: S | null;
  /** 0 when nothing was ever confirmed; every confirm increments it. */
  version: number;
}

export interface Lease {
  /** Unique per attempt, so only the claimer can confirm or release. */
  owner: string;
  /** Epoch ms. */
  now: number;
  /** Epoch ms after which another run may take the lease over (the holder is presumed dead). */
  until: number;
}

/** The lease was lost (expired and taken over) before the notification could be recorded. */
export class LeaseLostError extends Error {
  constructor(key: string) {
    super(`lease on notification ${key} was lost before the notification was recorded`);
    this.name = 'LeaseLostError';
  }
}

export interface NotificationLedger {
  read<S>(key: string): Promise<LedgerEntry<S>>;
  /**
   * Takes the lease when the entry is still at `expectedVersion` and nobody else holds a live lease.
   * @returns false when another run got there first (it holds the lease or already recorded a newer state).
   */
  claim(key: string, expectedVersion: number, lease: Lease): Promise<boolean>;
  /**
   * Records `state` as sent and drops the lease, only while `owner` still holds it.
   * @throws LeaseLostError otherwise.
   */
  confirm<S>(key: string, owner: string, state: S, at: number): Promise<void>;
  /** Drops the lease held by `owner` (nothing recorded); a no-op when it is no longer theirs. */
  release(key: string, owner: string): Promise<void>;
}
