/**
 * Holds the tracked signals of a large event file compactly, per user, for the replay: one number per
 * signal (its time and trigger source packed together) instead of an object per line, so memory
 * follows the number of users plus 8 bytes a signal, not the size of the file.
 */
import { type ActivityEvent, replaySignIns, type SessionRules } from '../relogins';
import type { AuthSignal, LoggedSignIn } from '../sign-ins';

/** Trigger sources are a handful of Cognito constants; 16 leave room and keep the packing exact. */
const MAX_SOURCES = 16;

interface UserSignals {
  identity: Omit<LoggedSignIn, 'at' | 'kind' | 'triggerSource'>;
  /** `at * MAX_SOURCES + source index`: exact below 2^53, i.e. for any time before year 20,000. */
  packed: number[];
}

export class SignInCollector {
  private readonly users = new Map<string, UserSignals>();
  private readonly sources: { triggerSource: string; kind: AuthSignal['kind'] }[] = [];
  private readonly sourceIndex = new Map<string, number>();

  add(at: number, signal: AuthSignal): void {
    const key = `${signal.userPoolId}\u0000${signal.clientId}\u0000${signal.user}`;
    let entry = this.users.get(key);
    if (entry === undefined) {
      const { kind: _kind, triggerSource: _source, ...identity } = signal;
      entry = { identity, packed: [] };
      this.users.set(key, entry);
    }
    entry.packed.push(at * MAX_SOURCES + this.indexOf(signal));
  }

  private indexOf(signal: AuthSignal): number {
    const known = this.sourceIndex.get(signal.triggerSource);
    if (known !== undefined) return known;
    if (this.sources.length === MAX_SOURCES) {
      throw new Error(`more than ${MAX_SOURCES} different trigger sources`);
    }
    this.sources.push({ triggerSource: signal.triggerSource, kind: signal.kind });
    this.sourceIndex.set(signal.triggerSource, this.sources.length - 1);
    return this.sources.length - 1;
  }

  /** Replays each user's signals and hands over the counted events, one user at a time. */
  replay(rules: SessionRules, visit: (event: ActivityEvent) => void): void {
    for (const { identity, packed } of this.users.values()) {
      const signIns = packed.map((value): LoggedSignIn => {
        const index = value % MAX_SOURCES;
        const source = this.sources[index] as (typeof this.sources)[number];
        return { ...identity, at: (value - index) / MAX_SOURCES, ...source };
      });
      for (const event of replaySignIns(signIns, rules)) visit(event);
    }
  }
}
