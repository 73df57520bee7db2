/**
 * Chain mode's order over the in-memory sign-in log and a hand-written team function: the team's
 * request goes first, the recording runs while the team's function does (beside it, not after), and
 * the answer or the failure is the team's, given only once the recording is done.
 */
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../local/stand-ins/emf';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { fixedClock } from '../../../src/shared/clock';
import { createEmfMetrics } from '../../../src/shared/telemetry';
import { type ChainedFunction, handleChainedTrigger } from '../../../src/sign-ins';
import type { AuthTriggerStartup } from '../../../src/sign-ins/handle-auth-trigger';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeSignInLog } from '../../support/fakes/sign-in-log';

const event = cognitoFixture('pre-token-v1-hosted-auth');
const TEAM_ANSWER = {
  ...event,
  response: { claimsOverrideDetails: { claimsToAddOrOverride: { groups: 'admins' } } },
};

/** A team function that answers (or fails) when told, noting what happened in `steps`. */
function teamFunction(steps: string[], outcome: 'answer' | 'fail'): ChainedFunction & { finish(): void } {
  let finish: () => void = () => undefined;
  return {
    finish: () => finish(),
    invoke: (given) => {
      steps.push('team invoked');
      expect(given).toBe(event);
      return new Promise((resolve, reject) => {
        finish = () => {
          steps.push('team answered');
          if (outcome === 'answer') resolve(TEAM_ANSWER);
          else reject(new Error('team function timed out'));
        };
      });
    },
  };
}

function setUp(steps: string[]) {
  const log = new FakeSignInLog();
  const append = log.append.bind(log);
  log.append = async (signIn, options) => {
    steps.push('recording started');
    await append(signIn, options);
    steps.push('recorded');
  };
  const startup: AuthTriggerStartup = {
    deps: {
      log,
      clock: fixedClock(new Date('2026-11-24T09:00:00Z')),
      settings: {
        trackedClientIds: new Set(['argocdclient0example0000001']),
        budgetMs: 300,
        keep: { username: true, email: false },
      },
    },
  };
  return {
    log,
    startup,
    telemetry: { logger: new RecordingLogger(), metrics: createEmfMetrics('Test/Chain') },
  };
}

describe('Use case: handleChainedTrigger', () => {
  it.each(['answer', 'fail'] as const)(
    'should send the team request first and record beside it, then give the team outcome (%s)',
    async (outcome) => {
      const steps: string[] = [];
      const { log, startup, telemetry } = setUp(steps);
      const team = teamFunction(steps, outcome);
      const { result, output } = await captureOutput(async () => {
        const handled = handleChainedTrigger(startup, telemetry, team, event).then(
          (answer) => ({ answer }),
          (error: Error) => ({ error: error.message }),
        );
        // The team's function still runs while the recording is done.
        while (!steps.includes('recorded')) await new Promise((resolve) => setImmediate(resolve));
        team.finish();
        return handled;
      });
      expect(steps).toEqual(['team invoked', 'recording started', 'recorded', 'team answered']);
      expect(log.signIns()).toHaveLength(1);
      expect(output.logs).toEqual([]);
      // The team's answer unchanged, or its failure as the sign-in's failure.
      expect(result).toEqual(
        outcome === 'answer' ? { answer: TEAM_ANSWER } : { error: 'team function timed out' },
      );
    },
  );
});
