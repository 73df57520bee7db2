import { describe, expect, it } from 'vitest';
import {
  type CheckObservation,
  type EpisodeFigures,
  InvalidLedgerStateError,
  nextEpisodeStep,
  type ReLoginLedgerState,
  readLedgerState,
  threadOf,
  withPostedThread,
} from '../../../src/relogins/domain/relogin-episode';

const T0 = Date.parse('2026-11-24T08:00:00Z');
const HOUR = 3_600_000;
const policy = { cooldownHours: 24, windowHours: 24, stopGapReminders: true };

function figures(overrides: Partial<EpisodeFigures> = {}): EpisodeFigures {
  return {
    activeUsers: 4,
    heavyUsers: 0,
    reLoginsPerActiveUser: 0.5,
    triggerRefreshes: 0,
    cognitoRefreshes: 0,
    ...overrides,
  };
}

function seen(
  hours: number,
  overrides: Partial<EpisodeFigures> = {},
  stretched: boolean | null = false,
  activityHours = 24,
) {
  return {
    at: T0 + hours * HOUR,
    figures: figures(overrides),
    stretched,
    activityHours,
  } satisfies CheckObservation;
}

/** Applies the steps in order as the ledger would, the posted ones with a ts; returns the messages. */
function run(observations: CheckObservation[], state: ReLoginLedgerState | null = null) {
  const messages: string[] = [];
  let current = state;
  for (const [index, observation] of observations.entries()) {
    const step = nextEpisodeStep(current, observation, policy);
    if (step === null) continue;
    current = step.message === null ? step.state : withPostedThread(step.state, `ts-${index}`);
    if (step.message !== null) messages.push(step.message.kind);
  }
  return { messages, state: current };
}

describe('Function: nextEpisodeStep', () => {
  it('should open an episode with an alert, and reply in its thread only after the cooldown or on a doubling', () => {
    const { messages, state } = run([
      seen(0, { heavyUsers: 2 }),
      seen(1, { heavyUsers: 3 }),
      seen(2, { heavyUsers: 4 }),
      seen(27, { heavyUsers: 1 }),
    ]);
    expect(messages).toEqual(['alert', 'follow-up', 'follow-up']);
    expect(state?.episode).toMatchObject({ startedAt: T0, threadTs: 'ts-0', lastHeavyAt: T0 + 27 * HOUR });
  });

  it('should record the last heavy sighting without a message, and nothing at all when nothing changed', () => {
    const alerted = run([seen(0, { heavyUsers: 2 })]).state;
    const heavyAgain = nextEpisodeStep(alerted, seen(1, { heavyUsers: 2 }), policy);
    expect(heavyAgain).toMatchObject({ message: null, state: { episode: { lastHeavyAt: T0 + HOUR } } });
    expect(nextEpisodeStep(heavyAgain?.state ?? null, seen(2), policy)).toBeNull();
    expect(nextEpisodeStep(null, seen(0), policy)).toBeNull();
  });

  it('should recover only after a full window without a heavy user, once, keeping the figures of the last alert', () => {
    const alerted = run([
      seen(0, { heavyUsers: 3, reLoginsPerActiveUser: 6 }),
      seen(10, { heavyUsers: 1 }),
    ]).state;
    expect(nextEpisodeStep(alerted, seen(33), policy)).toBeNull();
    const recovery = nextEpisodeStep(alerted, seen(34), policy);
    expect(recovery?.message).toMatchObject({
      kind: 'recovery',
      episode: {
        figuresAtLastAlert: { heavyUsers: 3, reLoginsPerActiveUser: 6 },
        lastHeavyAt: T0 + 10 * HOUR,
      },
    });
    expect(recovery?.state).toEqual({ episode: null, lastThreadTs: 'ts-0', stopGap: null });
    expect(nextEpisodeStep(recovery?.state ?? null, seen(35), policy)).toBeNull();
  });

  it('should not call a quiet weekend a recovery: the window must hold a working day of activity', () => {
    const alerted = run([seen(0, { heavyUsers: 3 })]).state;
    // A full window after the last heavy sighting, but the team was seen for 3 h of it, then not at all.
    expect(nextEpisodeStep(alerted, seen(30, { activeUsers: 4 }, false, 3), policy)).toBeNull();
    expect(nextEpisodeStep(alerted, seen(50, { activeUsers: 0 }, false, 0), policy)).toBeNull();
    // A working day without anyone heavy is.
    expect(nextEpisodeStep(alerted, seen(60, { activeUsers: 4 }, false, 8), policy)?.message).toMatchObject({
      kind: 'recovery',
    });
  });

  it('should date the stop-gap from the first check that saw it, forget it once undone, and keep it when unknown', () => {
    const first = nextEpisodeStep(null, seen(5, {}, true), policy);
    expect(first).toEqual({
      state: {
        episode: null,
        lastThreadTs: null,
        stopGap: { firstSeenAt: T0 + 5 * HOUR, lastReminderAt: null },
      },
      message: null,
    });
    expect(nextEpisodeStep(first?.state ?? null, seen(6, {}, true), policy)).toBeNull();
    expect(nextEpisodeStep(first?.state ?? null, seen(6, {}, null), policy)).toBeNull();
    expect(nextEpisodeStep(first?.state ?? null, seen(7, {}, false), policy)?.state.stopGap).toBeNull();
  });

  it('should count the recovery as the first reminder, then remind weekly while refreshes are seen and it stays stretched', () => {
    const refreshing = { triggerRefreshes: 0, cognitoRefreshes: 40 };
    const { messages } = run([
      seen(0, { heavyUsers: 2 }, true),
      seen(24, refreshing, true),
      seen(24 + 7 * 24 - 1, refreshing, true),
      seen(24 + 7 * 24, refreshing, true),
      seen(24 + 7 * 24 + 1, refreshing, true),
      // No refresh seen this week: no reminder (the stop-gap is then what keeps users in).
      seen(24 + 14 * 24, {}, true),
      seen(24 + 15 * 24, refreshing, true),
    ]);
    expect(messages).toEqual(['alert', 'recovery', 'stop-gap-reminder', 'stop-gap-reminder']);
  });

  it('should record the advice each reminder gave, for the next one to say what changed', () => {
    const refreshing = { cognitoRefreshes: 40 };
    const first = nextEpisodeStep(
      null,
      { ...seen(0, refreshing, true), advice: ['revert-token-validity'] },
      policy,
    );
    expect(first?.state.stopGap).toEqual({
      firstSeenAt: T0,
      lastReminderAt: T0,
      adviceAtLastReminder: ['revert-token-validity'],
    });
    const next = nextEpisodeStep(first?.state ?? null, seen(7 * 24, refreshing, true), policy);
    expect(next?.message).toMatchObject({
      kind: 'stop-gap-reminder',
      stopGap: { adviceAtLastReminder: ['revert-token-validity'] },
    });
    expect(readLedgerState(JSON.parse(JSON.stringify(next?.state))).stopGap?.adviceAtLastReminder).toEqual(
      [],
    );
  });

  it('should never remind while users are heavy, and not at all with reminders off', () => {
    const refreshing = { triggerRefreshes: 12 };
    expect(
      nextEpisodeStep(null, seen(0, { ...refreshing, heavyUsers: 1 }, true), policy)?.message?.kind,
    ).toBe('alert');
    const off = nextEpisodeStep(null, seen(0, refreshing, true), { ...policy, stopGapReminders: false });
    expect(off?.message).toBeNull();
    expect(nextEpisodeStep(null, seen(0, refreshing, true), policy)?.message?.kind).toBe('stop-gap-reminder');
  });

  it('should start a new thread for an episode after a recovery', () => {
    const { state } = run([seen(0, { heavyUsers: 2 }), seen(30), seen(40, { heavyUsers: 2 })]);
    expect(state?.episode?.threadTs).toBe('ts-2');
    expect(state?.lastThreadTs).toBe('ts-0');
  });
});

describe('Function: threadOf', () => {
  const open = run([seen(0, { heavyUsers: 2 })]).state;

  it('should start a thread with an alert and reply in it, shown in the channel only when it matters to all', () => {
    expect(threadOf({ kind: 'alert' }, open)).toBeUndefined();
    expect(threadOf({ kind: 'follow-up', worsenedFrom: null }, open)).toEqual({
      parentTs: 'ts-0',
      broadcast: false,
    });
    expect(threadOf({ kind: 'follow-up', worsenedFrom: 2 }, open)).toEqual({
      parentTs: 'ts-0',
      broadcast: true,
    });
  });

  it('should post a reminder on its own when no thread exists yet', () => {
    const stopGap = { firstSeenAt: T0, lastReminderAt: null };
    expect(threadOf({ kind: 'stop-gap-reminder', stopGap }, null)).toBeUndefined();
  });
});

describe('Function: readLedgerState', () => {
  it('should read the state written before threads as an open episode that has no thread yet', () => {
    const state = readLedgerState({ heavyUsers: 3, alertedAt: T0 });
    expect(state.episode).toMatchObject({ threadTs: null, lastAlert: { heavyUsers: 3, alertedAt: T0 } });
    // Its next alert after the cooldown starts the thread.
    const step = nextEpisodeStep(state, seen(25, { heavyUsers: 3 }), policy);
    expect(step?.message).toMatchObject({
      kind: 'follow-up',
      worsenedFrom: null,
      previous: { at: T0, advice: null },
    });
    expect(threadOf({ kind: 'follow-up', worsenedFrom: null }, state)).toBeUndefined();
    expect(withPostedThread(step?.state as ReLoginLedgerState, 'ts-new').episode?.threadTs).toBe('ts-new');
  });

  it('should read nothing recorded as the empty state and a recorded state as it was', () => {
    expect(readLedgerState(null)).toEqual({ episode: null, lastThreadTs: null, stopGap: null });
    const recorded = {
      episode: null,
      lastThreadTs: 'ts-1',
      stopGap: { firstSeenAt: T0, lastReminderAt: null },
    };
    expect(readLedgerState(recorded)).toEqual(recorded);
  });

  it.each([
    [{ episode: null, lastThreadTs: 7, stopGap: null }, 'lastThreadTs must be a string, got 7'],
    [
      { episode: null, lastThreadTs: null, stopGap: { firstSeenAt: '1' } },
      'stopGap.firstSeenAt must be a number, got "1"',
    ],
    [{ heavyUsers: '3', alertedAt: T0 }, 'heavyUsers must be a number, got "3"'],
    ['episode', 'must be an object, got "episode"'],
  ])('should refuse the damaged state %j naming the field and its place', (raw, message) => {
    expect(() => readLedgerState(raw)).toThrow(InvalidLedgerStateError);
    expect(() => readLedgerState(raw)).toThrow(`recorded re-login state: ${message}`);
  });
});
