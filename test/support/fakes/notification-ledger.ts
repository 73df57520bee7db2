/**
 * In-memory NotificationLedger keeping the port's contract: a claim succeeds only at the expected
 * version with no live lease (a lease is live until its `until`, taken over once `until < now`); only
 * the lease owner may confirm (else LeaseLostError) or release (else a no-op); each confirm bumps the
 * version and drops the lease.
 */
import {
  type Lease,
  LeaseLostError,
  type LedgerEntry,
  type NotificationLedger,
} from '../../../src/notifications/ports/notification-ledger';
import { FakePort, type Timeline } from './script';

type Operation = 'read' | 'claim' | 'confirm' | 'release';

export interface FakeLedgerEntry {
  state: unknown;
  version: number;
  lease: { owner: string; until: number } | null;
  /** Epoch ms of the last confirm. */
  sentAt: number | null;
}

export class FakeNotificationLedger extends FakePort<Operation> implements NotificationLedger {
  private readonly entries = new Map<string, FakeLedgerEntry>();

  constructor(timeline?: Timeline) {
    super('ledger', timeline);
  }

  /** What is stored for `key`, lease included (undefined: never claimed). */
  entry(key: string): FakeLedgerEntry | undefined {
    const found = this.entries.get(key);
    return found === undefined ? undefined : structuredClone(found);
  }

  async read<S>(key: string): Promise<LedgerEntry<S>> {
    await this.enter('read', [key]);
    const found = this.entries.get(key);
    return { state: structuredClone((found?.state ?? null) as S | null), version: found?.version ?? 0 };
  }

  async claim(key: string, expectedVersion: number, lease: Lease): Promise<boolean> {
    await this.enter('claim', [key, expectedVersion, lease]);
    const found = this.entries.get(key) ?? { state: null, version: 0, lease: null, sentAt: null };
    if (found.version !== expectedVersion) return false;
    if (found.lease !== null && found.lease.until >= lease.now) return false;
    this.entries.set(key, { ...found, lease: { owner: lease.owner, until: lease.until } });
    return true;
  }

  async confirm<S>(key: string, owner: string, state: S, at: number): Promise<void> {
    await this.enter('confirm', [key, owner, state, at]);
    const found = this.entries.get(key);
    if (found?.lease?.owner !== owner) throw new LeaseLostError(key);
    this.entries.set(key, {
      state: structuredClone(state),
      version: found.version + 1,
      lease: null,
      sentAt: at,
    });
  }

  async release(key: string, owner: string): Promise<void> {
    await this.enter('release', [key, owner]);
    const found = this.entries.get(key);
    if (found?.lease?.owner === owner) this.entries.set(key, { ...found, lease: null });
  }
}
