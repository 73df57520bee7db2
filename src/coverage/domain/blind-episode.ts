/**
 * One app client's blind episodes, as the notification ledger keeps them: one `monitor-blind` alert
 * when the self-check first finds the monitor not seeing, one `monitor-restored` reply in its thread
 * when it sees again, and the blind spans (kept BLIND_SPANS_KEPT_MS) for the weekly report and the
 * dashboard. Pure.
 */
import { DAY_MS, HOUR_MS } from '../../shared/durations';
import type { Finding, FindingCause, SelfCheckResult } from './self-check';

/** Bumped when the state's layout changes; `readBlindEpisodeState` reads every earlier one. */
export const BLIND_EPISODE_SCHEMA = 1;

/** Long enough for a monthly report to mark its blind hours. */
export const BLIND_SPANS_KEPT_MS = 35 * DAY_MS;

export interface BlindSpan {
  /** Start of the first hour not fully seen, epoch ms. */
  from: number;
  /** End of the last hour not fully seen; null while the episode is open. */
  to: number | null;
  cause: FindingCause;
}

export interface OpenBlindEpisode {
  finding: Finding;
  since: number;
  alertedAt: number;
  /** `ts` of the alert, the thread of the recovery reply; null until posted. */
  threadTs: string | null;
}

export interface BlindEpisodeState {
  schema: typeof BLIND_EPISODE_SCHEMA;
  open: OpenBlindEpisode | null;
  /** Oldest first; the open episode's span last, with `to` null. */
  spans: BlindSpan[];
}

export type BlindMessage =
  | { kind: 'monitor-blind'; finding: Finding; since: number }
  | { kind: 'monitor-restored'; span: BlindSpan & { to: number }; coveragePercent: number | null };

export interface BlindStep {
  state: BlindEpisodeState;
  message: BlindMessage;
}

/** The ledger key of a client's blind episodes; JSON keeps pool and client apart. */
export function blindEpisodeKey(userPoolId: string, clientId: string): string {
  return `monitor-blind#${JSON.stringify([userPoolId, clientId])}`;
}

/** The stored state of any schema so far (only 1 exists), or a fresh one for nothing stored. */
export function readBlindEpisodeState(raw: unknown): BlindEpisodeState {
  const state = raw as Partial<BlindEpisodeState> | null;
  if (state === null || state === undefined) return { schema: BLIND_EPISODE_SCHEMA, open: null, spans: [] };
  if (state.schema !== BLIND_EPISODE_SCHEMA) {
    throw new Error(`blind episode state of schema ${String(state.schema)}: written by a newer version`);
  }
  return { schema: BLIND_EPISODE_SCHEMA, open: state.open ?? null, spans: state.spans ?? [] };
}

/**
 * Whether the monitor sees again: attached, and either nothing found over the window or the latest hour
 * Cognito counted anything in was fully seen (the window still holds the blind hours for a day).
 */
function seesAgain(check: SelfCheckResult, lastActiveHour: number | null): boolean {
  if (check.findings.some((finding) => finding.cause === 'detached')) return false;
  if (check.findings.length === 0) return true;
  return lastActiveHour !== null && !check.blindHours.includes(lastActiveHour);
}

/**
 * The next step of the client's episode, or null when nothing changes (nothing to write, nothing to say).
 * `windowEnd`: the end of the settled window the check compared; `lastActiveHour`: the latest hour of it
 * with anything in Cognito's count.
 */
export function nextBlindStep(
  previous: BlindEpisodeState | null,
  observation: { at: number; check: SelfCheckResult; windowEnd: number; lastActiveHour: number | null },
): BlindStep | null {
  const state = previous ?? readBlindEpisodeState(null);
  const { at, check, windowEnd, lastActiveHour } = observation;
  const spans = state.spans.filter((span) => span.to === null || span.to > at - BLIND_SPANS_KEPT_MS);
  if (state.open === null) {
    // Hours an earlier episode's reply already named stay in the window for a day: they open none again.
    const reported = spans.reduce((latest, span) => Math.max(latest, span.to ?? latest), 0);
    const blindHours = check.blindHours.filter((hour) => hour >= reported);
    const finding = check.findings.find(
      (candidate) => candidate.cause === 'detached' || blindHours.length > 0,
    );
    if (finding === undefined) return null;
    // A detach nobody signed in during is blind from the window's end on.
    const since = blindHours[0] ?? windowEnd;
    return {
      state: {
        schema: BLIND_EPISODE_SCHEMA,
        open: { finding, since, alertedAt: at, threadTs: null },
        spans: [...spans, { from: since, to: null, cause: finding.cause }],
      },
      message: { kind: 'monitor-blind', finding, since },
    };
  }
  if (!seesAgain(check, lastActiveHour)) return null;
  const open = state.open;
  const lastBlind = check.blindHours.filter((hour) => hour >= open.since).at(-1);
  const span = {
    from: open.since,
    to: lastBlind === undefined ? Math.max(open.since, windowEnd) : lastBlind + HOUR_MS,
    cause: open.finding.cause,
  };
  return {
    state: {
      schema: BLIND_EPISODE_SCHEMA,
      open: null,
      spans: [...spans.filter((kept) => kept.to !== null), span],
    },
    message: { kind: 'monitor-restored', span, coveragePercent: check.coveragePercent },
  };
}

/** Records the alert's `ts` as the thread of the recovery reply. */
export function withBlindThread(state: BlindEpisodeState, ts: string): BlindEpisodeState {
  return state.open === null || state.open.threadTs !== null
    ? state
    : { ...state, open: { ...state.open, threadTs: ts } };
}

/** The spans overlapping [from, to), each clipped to it; an open span runs to `to`. */
export function blindSpansIn(state: BlindEpisodeState, from: number, to: number): BlindSpan[] {
  return state.spans
    .map((span) => ({ ...span, from: Math.max(span.from, from), to: Math.min(span.to ?? to, to) }))
    .filter((span) => span.from < span.to);
}
