/**
 * Weeks of generated sign-in history for the exact-replay tests: per user a chain of logins 1 h to 25 h
 * apart (many 23-25 h, so sessions chain across any window edge), refreshes, retries and whole hours.
 */
import type { LoggedSignIn } from '../../src/sign-ins';

export const H = 3_600_000;
export const START = Date.parse('2026-11-02T00:00:00Z');
export const WEEKS = 3;
export const rules = { dedupeSeconds: 30, sessionHours: 24 };

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Per user a chain of logins, 1 h to 25 h apart (many 23-25 h), refreshes, retries and whole hours. */
export function history(seed: number): LoggedSignIn[] {
  const next = random(seed);
  const signIns: LoggedSignIn[] = [];
  const end = START + WEEKS * 7 * 24 * H;
  for (let index = 0; index < 40; index += 1) {
    const base = {
      userPoolId: 'pool',
      clientId: index % 3 === 0 ? 'cli' : 'web',
      user: `user-${index % 30}`,
    };
    let at = START + Math.floor(next() * 24 * H);
    while (at < end) {
      const onTheHour = next() < 0.15;
      const time = onTheHour ? Math.round(at / H) * H : at;
      signIns.push({ ...base, at: time, kind: 'login', triggerSource: 'TokenGeneration_HostedAuth' });
      if (next() < 0.1)
        signIns.push({
          ...base,
          at: time + 1000,
          kind: 'login',
          triggerSource: 'PostAuthentication_Authentication',
        });
      if (next() < 0.3)
        signIns.push({
          ...base,
          at: time + Math.floor(next() * H),
          kind: 'refresh',
          triggerSource: 'TokenGeneration_RefreshTokens',
        });
      const roll = next();
      const gap =
        roll < 0.45
          ? 23 * H + Math.floor(next() * 2 * H)
          : roll < 0.8
            ? H + Math.floor(next() * 3 * H)
            : 24 * H * (1 + next());
      at = time + gap;
    }
  }
  return signIns;
}

/** What each kind of replay says about the sign-ins of [from, to). */
export const describeEvents = (
  events: readonly {
    at: number;
    kind: string;
    user: string;
    clientId: string;
    intervalMinutes: number | null;
  }[],
  from: number,
  to: number,
) =>
  events
    .filter((event) => event.at >= from && event.at < to)
    .map((event) => `${event.at} ${event.clientId} ${event.user} ${event.kind} ${event.intervalMinutes}`);
