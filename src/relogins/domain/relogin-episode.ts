/**
 * The life of one app client's heavy re-login episode in Slack, as one ledger state (notify-once):
 * the first alert opens a thread; later alerts reply in it (a worsening also shows in the channel);
 * once no user has been heavy for a full check window in which the team worked a day, one recovery message closes it; while refreshes
 * are seen and the token validity is still stretched above 1 h, a weekly reminder says to undo the
 * stop-gap. Pure: the use case reads the ledger, applies `nextEpisodeStep`, and posts what it says.
 *
 * Everything a later message needs is kept in the state, because a check only sees its own window:
 * the figures at the last alert (the "before" of the recovery), the last time a user was heavy (the
 * recovery needs a full window without one), the thread, and when the check first saw the stretched
 * validity (how long the stop-gap has been in place).
 */

import * as v from 'valibot';
import { HOUR_MS } from '../../shared/durations';
import { parseWith, plainObject } from '../../shared/validation';
import {
  type AlertPolicy,
  type HeavyReLoginAlertState,
  isWorsening,
  nextHeavyReLoginAlert,
} from './alert-policy';

/** What one check saw over its window: the figures the recovery message compares. */
export interface EpisodeFigures {
  activeUsers: number;
  heavyUsers: number;
  reLoginsPerActiveUser: number;
  /** `TokenGeneration_RefreshTokens` events the trigger recorded. */
  triggerRefreshes: number;
  /** Cognito's own `TokenRefreshSuccesses`; null when they could not be read. */
  cognitoRefreshes: number | null;
}

export interface OpenEpisode {
  /** Epoch ms of the episode's first alert. */
  startedAt: number;
  /** `ts` of the thread every follow-up replies to; null only for an episode alerted before threads existed. */
  threadTs: string | null;
  lastAlert: HeavyReLoginAlertState;
  figuresAtLastAlert: EpisodeFigures;
  /** The advice ids of the last alert, so a follow-up can say what changed; absent in older records. */
  adviceAtLastAlert?: string[];
  /** Epoch ms of the last check that saw a heavy user. */
  lastHeavyAt: number;
}

export interface StopGapRecord {
  /**
   * Epoch ms of the first check that read IdTokenValidity or AccessTokenValidity above 1 h since the
   * validity was last seen at 1 h or less: the stop-gap has been in place at least since then.
   */
  firstSeenAt: number;
  /** Epoch ms of the last message that said to undo it (recovery or reminder); null: none yet. */
  lastReminderAt: number | null;
  /** The advice ids of that message, so the next reminder repeats the advice only when it changed; absent in older records. */
  adviceAtLastReminder?: string[];
}

export interface ReLoginLedgerState {
  episode: OpenEpisode | null;
  /** The thread of the last episode, kept after its recovery: the stop-gap reminders reply in it. */
  lastThreadTs: string | null;
  stopGap: StopGapRecord | null;
}

export interface CheckObservation {
  /** Epoch ms of the check (its window's end). */
  at: number;
  figures: EpisodeFigures;
  /** ID or access token validity above 1 h; null when the app client could not be described. */
  stretched: boolean | null;
  /** Hours from the window's first sign-in or refresh to its last: how long the team was seen working. */
  activityHours: number;
  /** The ids of the advice in force, for the follow-ups' "what changed". */
  advice?: readonly string[];
}

export interface EpisodePolicy extends AlertPolicy {
  windowHours: number;
  /** Whether the weekly stop-gap reminder is posted (STOP_GAP_REMINDER). */
  stopGapReminders: boolean;
}

export const STOP_GAP_REMINDER_DAYS = 7;

/** STOP_GAP_REMINDER: where the weekly "undo the stop-gap" reminder is said (see ReLoginCheckSettings). */
export const STOP_GAP_REMINDERS = ['message', 'report', 'off'] as const;
export type StopGapReminder = (typeof STOP_GAP_REMINDERS)[number];

/**
 * A recovery needs a window in which the team worked at least a working day without anyone becoming
 * heavy: a quiet weekend or night proves nothing, and on a Monday morning nobody has had time yet.
 */
export const RECOVERY_ACTIVITY_HOURS = 8;

export type EpisodeMessage =
  /** First alert of an episode: a new thread. */
  | { kind: 'alert' }
  /** A later alert of the open episode, in its thread; `worsenedFrom` when it comes early because it got worse. */
  | {
      kind: 'follow-up';
      worsenedFrom: number | null;
      /** The figures and advice of the previous post, for a short "what changed"; null advice: unknown. */
      previous?: { at: number; figures: EpisodeFigures; advice: readonly string[] | null };
    }
  | { kind: 'recovery'; episode: OpenEpisode; stopGap: StopGapRecord | null }
  | { kind: 'stop-gap-reminder'; stopGap: StopGapRecord };

export interface EpisodeStep {
  state: ReLoginLedgerState;
  /** null: only the state changes (last heavy sighting, stop-gap first seen or undone). */
  message: EpisodeMessage | null;
}

const EMPTY: ReLoginLedgerState = { episode: null, lastThreadTs: null, stopGap: null };

const nullableNumber = v.nullable(v.number());

const ALERT = v.object({ heavyUsers: v.number(), alertedAt: v.number() });

const LEDGER_STATE = v.pipe(
  plainObject(),
  v.object({
    episode: v.nullable(
      v.object({
        startedAt: v.number(),
        threadTs: v.nullable(v.string()),
        lastAlert: ALERT,
        figuresAtLastAlert: v.object({
          activeUsers: v.number(),
          heavyUsers: v.number(),
          reLoginsPerActiveUser: v.number(),
          triggerRefreshes: v.number(),
          cognitoRefreshes: nullableNumber,
        }),
        adviceAtLastAlert: v.optional(v.array(v.string())),
        lastHeavyAt: v.number(),
      }),
    ),
    lastThreadTs: v.nullable(v.string()),
    stopGap: v.nullable(
      v.object({
        firstSeenAt: v.number(),
        lastReminderAt: nullableNumber,
        adviceAtLastReminder: v.optional(v.array(v.string())),
      }),
    ),
  }),
) satisfies v.GenericSchema<unknown, ReLoginLedgerState>;

/** A recorded state that is neither this module's shape nor the one before threads. */
export class InvalidLedgerStateError extends Error {
  constructor(message: string) {
    super(`recorded re-login state: ${message}`);
    this.name = 'InvalidLedgerStateError';
  }
}

/** The state before threads (`{heavyUsers, alertedAt}`) as an open episode without a thread. */
function fromLegacy(lastAlert: HeavyReLoginAlertState): ReLoginLedgerState {
  return {
    ...EMPTY,
    episode: {
      startedAt: lastAlert.alertedAt,
      threadTs: null,
      lastAlert,
      // Unknown before threads: only the heavy users were kept.
      figuresAtLastAlert: {
        activeUsers: 0,
        heavyUsers: lastAlert.heavyUsers,
        reLoginsPerActiveUser: 0,
        triggerRefreshes: 0,
        cognitoRefreshes: null,
      },
      lastHeavyAt: lastAlert.alertedAt,
    },
  };
}

/**
 * The recorded state, validated, also in its shape before threads (read as an open episode without a
 * thread, so its next alert starts one); none recorded reads as the empty state.
 * @throws InvalidLedgerStateError naming the field and its place when the state is damaged.
 */
export function readLedgerState(raw: unknown): ReLoginLedgerState {
  if (raw === null || raw === undefined) return EMPTY;
  const fail = (message: string) => new InvalidLedgerStateError(message);
  if (typeof raw === 'object' && !('episode' in raw) && 'alertedAt' in raw) {
    return fromLegacy(parseWith(ALERT, raw, fail));
  }
  return parseWith(LEDGER_STATE, raw, fail);
}

export function refreshesSeen(figures: EpisodeFigures): boolean {
  return figures.triggerRefreshes > 0 || (figures.cognitoRefreshes ?? 0) > 0;
}

function nextStopGap(previous: StopGapRecord | null, observation: CheckObservation): StopGapRecord | null {
  if (observation.stretched === null) return previous;
  if (!observation.stretched) return null;
  return previous ?? { firstSeenAt: observation.at, lastReminderAt: null };
}

function whileHeavy(
  state: ReLoginLedgerState,
  observation: CheckObservation,
  policy: EpisodePolicy,
): EpisodeStep {
  const { at, figures } = observation;
  const episode = state.episode;
  if (episode === null) {
    const lastAlert = { heavyUsers: figures.heavyUsers, alertedAt: at };
    return {
      state: {
        ...state,
        episode: {
          startedAt: at,
          threadTs: null,
          lastAlert,
          figuresAtLastAlert: figures,
          adviceAtLastAlert: [...(observation.advice ?? [])],
          lastHeavyAt: at,
        },
      },
      message: { kind: 'alert' },
    };
  }
  const alert = nextHeavyReLoginAlert(episode.lastAlert, figures.heavyUsers, at, policy);
  if (alert === null) return { state: { ...state, episode: { ...episode, lastHeavyAt: at } }, message: null };
  const worsened = isWorsening(episode.lastAlert, alert, policy);
  return {
    state: {
      ...state,
      episode: {
        ...episode,
        lastAlert: alert,
        figuresAtLastAlert: figures,
        adviceAtLastAlert: [...(observation.advice ?? [])],
        lastHeavyAt: at,
      },
    },
    message: {
      kind: 'follow-up',
      worsenedFrom: worsened ? episode.lastAlert.heavyUsers : null,
      previous: {
        at: episode.lastAlert.alertedAt,
        figures: episode.figuresAtLastAlert,
        advice: episode.adviceAtLastAlert ?? null,
      },
    },
  };
}

/** The stop-gap record once a message told to undo it: when, and with which advice. */
function reminded(stopGap: StopGapRecord, observation: CheckObservation): StopGapRecord {
  return {
    ...stopGap,
    lastReminderAt: observation.at,
    adviceAtLastReminder: [...(observation.advice ?? [])],
  };
}

function whileQuiet(
  state: ReLoginLedgerState,
  observation: CheckObservation,
  policy: EpisodePolicy,
): EpisodeStep {
  const { at, figures } = observation;
  const { episode, stopGap } = state;
  const undoNow = stopGap !== null && refreshesSeen(figures);
  if (episode !== null) {
    const quietLongEnough = at - episode.lastHeavyAt >= policy.windowHours * HOUR_MS;
    if (!quietLongEnough || observation.activityHours < RECOVERY_ACTIVITY_HOURS)
      return { state, message: null };
    const said = undoNow ? reminded(stopGap, observation) : stopGap;
    return {
      state: { episode: null, lastThreadTs: episode.threadTs ?? state.lastThreadTs, stopGap: said },
      message: { kind: 'recovery', episode, stopGap },
    };
  }
  const reminderDue =
    undoNow &&
    policy.stopGapReminders &&
    (stopGap.lastReminderAt === null || at - stopGap.lastReminderAt >= STOP_GAP_REMINDER_DAYS * 24 * HOUR_MS);
  if (!reminderDue) return { state, message: null };
  return {
    state: { ...state, stopGap: reminded(stopGap, observation) },
    message: { kind: 'stop-gap-reminder', stopGap },
  };
}

/** The state to record after this check and the message it calls for; null when nothing changed. */
export function nextEpisodeStep(
  previous: ReLoginLedgerState | null,
  observation: CheckObservation,
  policy: EpisodePolicy,
): EpisodeStep | null {
  const recorded = previous ?? EMPTY;
  const state = { ...recorded, stopGap: nextStopGap(recorded.stopGap, observation) };
  const step =
    observation.figures.heavyUsers > 0
      ? whileHeavy(state, observation, policy)
      : whileQuiet(state, observation, policy);
  if (step.message === null && JSON.stringify(step.state) === JSON.stringify(recorded)) return null;
  return step;
}

/** The state once the message went out: a new thread's `ts` is kept for the replies. */
export function withPostedThread(state: ReLoginLedgerState, ts: string): ReLoginLedgerState {
  if (state.episode !== null) {
    return state.episode.threadTs === null
      ? { ...state, episode: { ...state.episode, threadTs: ts } }
      : state;
  }
  // A reminder with no episode thread before it starts one for the next reminders.
  return state.lastThreadTs === null ? { ...state, lastThreadTs: ts } : state;
}

/** Where a message goes: the new alert opens a thread; the rest reply in the episode's (or last episode's) thread. */
export function threadOf(
  message: EpisodeMessage,
  previous: ReLoginLedgerState | null,
): { parentTs: string; broadcast: boolean } | undefined {
  if (message.kind === 'alert') return undefined;
  const parentTs =
    message.kind === 'recovery'
      ? message.episode.threadTs
      : (previous?.episode?.threadTs ?? previous?.lastThreadTs);
  if (parentTs === null || parentTs === undefined) return undefined;
  // A worsening, the recovery and the stop-gap reminder are for everyone in the channel, not only the thread's readers.
  const broadcast = message.kind !== 'follow-up' || message.worsenedFrom !== null;
  return { parentTs, broadcast };
}
