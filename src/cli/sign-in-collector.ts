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
  /** By user id first: one hash of a string the event already holds, instead of building a key per event. */
  private readonly users = new Map<string, UserSignals[]>();
  private readonly sources: { triggerSource: string; kind: AuthSignal['kind'] }[] = [];

  add(at: number, signal: AuthSignal): void {
    let entries = this.users.get(signal.user);
    if (entries === undefined) {
      entries = [];
      this.users.set(signal.user, entries);
    }
    let entry = entries.find(
      ({ identity }) => identity.clientId === signal.clientId && identity.userPoolId === signal.userPoolId,
    );
    if (entry === undefined) {
      const { kind: _kind, triggerSource: _source, ...identity } = signal;
      entry = { identity, packed: [] };
      entries.push(entry);
    }
    entry.packed.push(at * MAX_SOURCES + this.indexOf(signal));
  }

  private indexOf(signal: AuthSignal): number {
    const known = this.sources.findIndex(({ triggerSource }) => triggerSource === signal.triggerSource);
    if (known !== -1) return known;
    if (this.sources.length === MAX_SOURCES) {
      throw new Error(`more than ${MAX_SOURCES} different trigger sources`);
    }
    return this.sources.push({ triggerSource: signal.triggerSource, kind: signal.kind }) - 1;
  }

  /**
   * Replays each user's signals and hands over the counted events, one user at a time; says how many
   * signals the replay found to be duplicates (both triggers of one sign-in, Cognito's retries).
   */
  replay(rules: SessionRules, visit: (event: ActivityEvent) => void): { duplicates: number } {
    let duplicates = 0;
    for (const { identity, packed } of [...this.users.values()].flat()) {
      // Numerically sorted, the values are in time order: the replay's own sort then has little to do.
      const signIns = Array.from(Float64Array.from(packed).sort(), (value): LoggedSignIn => {
        const index = value % MAX_SOURCES;
        const { triggerSource, kind } = this.sources[index] as (typeof this.sources)[number];
        // Spelled out: `{ ...identity, field }` is built by the runtime, several times slower.
        return {
          at: (value - index) / MAX_SOURCES,
          kind,
          triggerSource,
          userPoolId: identity.userPoolId,
          clientId: identity.clientId,
          user: identity.user,
          username: identity.username,
          email: identity.email,
        };
      });
      const counted = replaySignIns(signIns, rules);
      duplicates += signIns.length - counted.length;
      for (const event of counted) visit(event);
    }
    return { duplicates };
  }
}
