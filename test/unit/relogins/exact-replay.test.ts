/**
 * Exact classification: hourly runs that each read the log only from the previous run's checkpoint
 * classify every sign-in exactly as one replay of the whole log does, over weeks of generated history
 * with sessions chaining across window edges (logins 23-25 h apart), duplicates, refreshes, and sign-ins
 * exactly on the hour and on the checkpoint. A fixed look-back (the check's read before checkpoints:
 * the window plus ARGOCD_SESSION_HOURS) does not, on the same history: the comparison can fail.
 */
import { describe, expect, it } from 'vitest';
import { replaySignIns } from '../../../src/relogins/domain/replay';
import {
  replayFromCheckpoint,
  type SessionCheckpoint,
} from '../../../src/relogins/domain/session-checkpoint';
import type { LoggedSignIn } from '../../../src/sign-ins';
import { describeEvents, H, history, rules, START, WEEKS } from '../../support/session-history';

/** A run at `now` reports [now - 25 h, now); the checkpoint trails 26 h behind (the recovery's reach). */
const REPORTED_MS = 25 * H;
const CHECKPOINT_LAG_MS = 26 * H;

describe('Domain: replay from a checkpoint, run every hour over weeks', () => {
  it.each([1, 2, 3])('should classify every sign-in as the full replay does (history %i)', (seed) => {
    const log = history(seed);
    const truth = replaySignIns(log, rules);
    let checkpoint: SessionCheckpoint | null = null;
    let compared = 0;
    let fixedLookBackDiffers = 0;
    for (let now = START + 5 * 60_000; now < START + WEEKS * 7 * 24 * H; now += H) {
      const from = checkpoint?.at ?? Number.NEGATIVE_INFINITY;
      const read = log.filter((signIn) => signIn.at >= from && signIn.at < now);
      const nextAt = Math.floor((now - CHECKPOINT_LAG_MS) / H) * H;
      const run = replayFromCheckpoint(checkpoint, read, rules, Math.max(nextAt, checkpoint?.at ?? nextAt));
      const expected = describeEvents(truth, now - REPORTED_MS, now);
      expect(describeEvents(run.events, now - REPORTED_MS, now)).toEqual(expected);
      compared += expected.length;
      checkpoint = run.next;
      // The fixed look-back: the reported hours plus the session length before them.
      const lookBack = log.filter((signIn) => signIn.at >= now - REPORTED_MS - 24 * H && signIn.at < now);
      const approximated = describeEvents(replaySignIns(lookBack, rules), now - REPORTED_MS, now);
      if (JSON.stringify(approximated) !== JSON.stringify(expected)) fixedLookBackDiffers += 1;
    }
    expect(compared).toBeGreaterThan(1000);
    expect(fixedLookBackDiffers).toBeGreaterThan(0);
    // The checkpoint keeps only the states that can still change an outcome.
    expect(Object.keys(checkpoint?.states ?? {}).length).toBeLessThanOrEqual(40);
  });

  it('should take a sign-in exactly at the checkpoint as after it, in both runs', () => {
    const at = START + 30 * H;
    const signIn = (time: number): LoggedSignIn => ({
      at: time,
      kind: 'login',
      triggerSource: 'TokenGeneration_HostedAuth',
      userPoolId: 'pool',
      clientId: 'web',
      user: 'u',
    });
    const log = [signIn(START), signIn(START + 23 * H), signIn(at), signIn(at + 2 * H)];
    const first = replayFromCheckpoint(
      null,
      log.filter((item) => item.at < at + H),
      rules,
      at,
    );
    const second = replayFromCheckpoint(first.next, log, rules);
    // The session started 30 h before the checkpoint: it cannot change an outcome, so it is not kept.
    expect(first.next).toEqual({ schema: 1, at, states: {} });
    const atTwentyThree = replayFromCheckpoint(null, log.slice(0, 2), rules, START + 23 * H + 1);
    expect(Object.values(atTwentyThree.next?.states ?? {})).toEqual([
      { lastLoginAt: START + 23 * H, lastRefreshAt: null, sessionStartedAt: START },
    ]);
    expect(second.events.map((event) => event.kind)).toEqual(['session-start', 're-login']);
    expect(replaySignIns(log, rules).map((event) => event.kind)).toEqual([
      'session-start',
      're-login',
      'session-start',
      're-login',
    ]);
  });
});
