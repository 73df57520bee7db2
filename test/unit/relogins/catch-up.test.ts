/**
 * The first runs after a deploy: no checkpoint yet, weeks of history in the log. The build streams the
 * log a page at a time (never one read of the whole range) and stops when its budget is spent, saying
 * how far it got; the next hourly runs go on from there, and once caught up every run classifies exactly
 * as one replay of the whole log, over weeks of generated history with sessions chaining across edges.
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_LAG_MS, checkpointedReplay, type ReplayOutcome } from '../../../src/relogins';
import { replaySignIns } from '../../../src/relogins/domain/replay';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeSessionCheckpointStore } from '../../support/fakes/session-checkpoint-store';
import { FakeSignInLog } from '../../support/fakes/sign-in-log';
import { describeEvents, H, history, rules, START, WEEKS } from '../../support/session-history';

const REPORTED_MS = 25 * H;
const DAY = 24 * H;

async function logOf(seed: number): Promise<FakeSignInLog> {
  const log = new FakeSignInLog(undefined, 7);
  for (const signIn of history(seed)) await log.append(signIn);
  return log;
}

/** A budget spent once the run has passed `hours` whole hours of history with sign-ins in them. */
function hoursBudget(hours: number) {
  let passed = 0;
  return {
    spent: () => {
      passed += 1;
      return passed > hours;
    },
  };
}

describe('Use case: checkpointedReplay, the first runs after a deploy', () => {
  it.each([1, 2])(
    'should catch up over several hourly runs, classify nothing meanwhile, then as the full replay (history %i)',
    async (seed) => {
      const signIns = await logOf(seed);
      const truth = replaySignIns(signIns.signIns(), rules);
      const deps = { signIns, checkpoints: new FakeSessionCheckpointStore(), logger: new RecordingLogger() };
      const deployedAt = START + 2 * 7 * DAY + 5 * 60_000;
      const outcomes: ReplayOutcome[] = [];
      let compared = 0;
      for (let now = deployedAt; now < START + WEEKS * 7 * DAY; now += H) {
        const outcome = await checkpointedReplay(deps, {
          userPoolId: 'pool',
          now,
          oldest: now - REPORTED_MS,
          rules,
          retentionDays: 30,
          budget: hoursBudget(60),
        });
        outcomes.push(outcome);
        if (!outcome.caughtUp) continue;
        const expected = describeEvents(truth, now - REPORTED_MS, now);
        // Nothing before `oldest` is returned, and everything after it as the full replay says.
        expect(describeEvents(outcome.events, Number.NEGATIVE_INFINITY, now)).toEqual(expected);
        compared += expected.length;
      }
      const catchingUp = outcomes.filter((outcome) => !outcome.caughtUp);
      // Two weeks of history at 60 hours a run: several runs, each further than the one before.
      expect(catchingUp.length).toBeGreaterThan(2);
      expect(outcomes.slice(0, catchingUp.length)).toEqual(catchingUp);
      const reached = catchingUp.map((outcome) => (outcome.caughtUp ? 0 : outcome.replayedThrough));
      expect(reached).toEqual([...reached].sort((a, b) => a - b));
      expect(new Set(reached).size).toBe(reached.length);
      for (const outcome of catchingUp) {
        expect(outcome).toMatchObject({ caughtUp: false });
        expect(outcome.caughtUp ? 0 : outcome.replayedThrough % H).toBe(0);
      }
      expect(compared).toBeGreaterThan(500);
      // Streamed a page at a time: the whole range is never read at once.
      expect(signIns.argsOf('list')).toEqual([]);
      expect(deps.logger.messages('WARN')).toHaveLength(catchingUp.length);
    },
  );

  it('should save every week of history it replays and the checkpoint of the run, when the budget allows it all', async () => {
    const signIns = await logOf(3);
    const checkpoints = new FakeSessionCheckpointStore();
    const now = START + WEEKS * 7 * DAY;
    const outcome = await checkpointedReplay(
      { signIns, checkpoints, logger: new RecordingLogger() },
      { userPoolId: 'pool', now, rules, retentionDays: 30, budget: hoursBudget(Number.POSITIVE_INFINITY) },
    );
    expect(outcome.caughtUp).toBe(true);
    const saved = checkpoints.saved.map((checkpoint) => checkpoint.at);
    expect(saved.at(-1)).toBe(Math.floor((now - CHECKPOINT_LAG_MS) / H) * H);
    // Progress saves a week apart (or more, where the log has a gap), before the last.
    expect(saved.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < saved.length - 1; index += 1) {
      expect((saved[index] as number) - (saved[index - 1] as number)).toBeGreaterThanOrEqual(7 * DAY);
    }
  });

  it('should take a run whose progress could not be saved as not begun: the next starts over, still exact', async () => {
    const signIns = await logOf(1);
    const truth = replaySignIns(signIns.signIns(), rules);
    const checkpoints = new FakeSessionCheckpointStore();
    const logger = new RecordingLogger();
    const now = START + WEEKS * 7 * DAY - 3 * H;
    checkpoints.refusing = true;
    const first = await checkpointedReplay(
      { signIns, checkpoints, logger },
      { userPoolId: 'pool', now, rules, retentionDays: 30, budget: hoursBudget(40) },
    );
    expect(first.caughtUp).toBe(false);
    expect(checkpoints.saved).toEqual([]);
    expect(logger.messages('WARN')[0]).toMatch(/could not save the session checkpoint/);
    checkpoints.refusing = false;
    const second = await checkpointedReplay(
      { signIns, checkpoints, logger },
      { userPoolId: 'pool', now, rules, retentionDays: 30 },
    );
    if (!second.caughtUp) throw new Error('no budget: the run must catch up at once');
    expect(describeEvents(second.events, now - REPORTED_MS, now)).toEqual(
      describeEvents(truth, now - REPORTED_MS, now),
    );
  });
});
