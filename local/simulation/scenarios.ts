/**
 * The scenarios `npm start` and `relogin-monitor simulate` play: the app client's token validity and the
 * deployed Argo CD release at the start, and the changes the team makes during the week. Pure.
 */
import { HOUR_MS } from '../../src/shared/durations';
import type { ArgoCdRelease } from './argocd-sessions';

export const SCENARIOS = [
  'no-refresh',
  'stopgap-8h',
  'fixed',
  'upgrade',
  'detached',
  'refresh-as-authentication',
  'outage',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** 3.3.x: has `refreshTokenThreshold`, but its refresh does not survive the ID token's expiry (docs/argocd-and-cognito.md#partial-refresh-before-the-fix). */
export const RELEASE_BEFORE_FIX: ArgoCdRelease = { version: 'v3.3.14', refreshesExpiredSessions: false };
export const RELEASE_WITH_FIX: ArgoCdRelease = { version: 'v3.4.6', refreshesExpiredSessions: true };

export type ScenarioChange =
  | { at: number; kind: 'token-validity'; hours: number; why: string }
  | {
      at: number;
      kind: 'argocd-release';
      release: ArgoCdRelease;
      /** `refreshTokenThreshold` set with the upgrade, in minutes; 0 leaves it unset. */
      refreshTokenThresholdMinutes: number;
      why: string;
    }
  | { at: number; kind: 'trigger-slot'; inSlot: boolean; why: string }
  /** What DynamoDB does with the trigger's calls from then on (the scheduled functions keep a working path). */
  | { at: number; kind: 'trigger-dynamodb'; fault: TriggerDynamoDbFault; why: string };

/** `throttle`: every call refused; `hang`: every call takes effect but answers after the trigger's budget. */
export type TriggerDynamoDbFault = 'none' | 'throttle' | 'hang';

export interface ScenarioPlan {
  name: ScenarioName;
  summary: string;
  tokenValidityHours: number;
  release: ArgoCdRelease;
  changes: ScenarioChange[];
  /** The trigger source the refreshes reach the trigger with, when not Cognito's usual `TokenGeneration_RefreshTokens`. */
  refreshTriggerSource?: 'TokenGeneration_Authentication';
  /** The fewest working days the scenario needs to tell its whole story. */
  minDays: number;
}

/** @param days each working day's midnight, epoch ms */
export function scenarioPlan(name: ScenarioName, days: readonly number[]): ScenarioPlan {
  const day = (index: number) => days[Math.min(index, days.length - 1)] as number;
  switch (name) {
    case 'no-refresh':
      return {
        name,
        summary: `Argo CD ${RELEASE_BEFORE_FIX.version} (before the fix) with 1 h tokens: everyone is sent back to the login page every hour.`,
        tokenValidityHours: 1,
        release: RELEASE_BEFORE_FIX,
        changes: [],
        minDays: 1,
      };
    case 'stopgap-8h':
      return {
        name,
        summary: `Argo CD ${RELEASE_BEFORE_FIX.version} with the stop-gap: ID and access tokens raised to 8 h.`,
        tokenValidityHours: 8,
        release: RELEASE_BEFORE_FIX,
        changes: [],
        minDays: 1,
      };
    case 'fixed':
      return {
        name,
        summary: `Argo CD ${RELEASE_WITH_FIX.version} (with the fix) and 1 h tokens: the server redeems the refresh token when the ID token expires.`,
        tokenValidityHours: 1,
        release: RELEASE_WITH_FIX,
        changes: [],
        minDays: 1,
      };
    case 'upgrade':
      // A week that starts at 8 h never alerts (an 8 h day cannot hold HEAVY_RELOGINS re-logins), so
      // the week starts at 1 h: the alert, the stop-gap as it advises, then the upgrade mid-week with the
      // refreshTokenThreshold the advice recommends for 8 h tokens (2h): without it an 8 h token would
      // seldom expire during an 8 h day, and the refresh would show only on some mornings.
      return {
        name,
        summary: `Argo CD ${RELEASE_BEFORE_FIX.version} with 1 h tokens; the team applies the 8 h stop-gap on day 2 and upgrades to ${RELEASE_WITH_FIX.version} (with refreshTokenThreshold: 2h) on day 3.`,
        tokenValidityHours: 1,
        release: RELEASE_BEFORE_FIX,
        changes: [
          {
            at: day(1) + 12 * HOUR_MS,
            kind: 'token-validity',
            hours: 8,
            why: 'the stop-gap the alert advised',
          },
          {
            at: day(2),
            kind: 'argocd-release',
            release: RELEASE_WITH_FIX,
            refreshTokenThresholdMinutes: 120,
            why: 'the upgrade to the release with the fix, with refreshTokenThreshold: 2h as the advice recommends for 8 h tokens',
          },
        ],
        minDays: 5,
      };
    case 'detached':
      // A quiet week (the fixed release), so the only alarm is the monitor's own: a pool apply on
      // Wednesday morning drops the trigger from its LambdaConfig; it is put back on Thursday morning.
      return {
        name,
        summary: `Argo CD ${RELEASE_WITH_FIX.version} and 1 h tokens; on day 3 an apply of the pool removes the trigger from its Pre Token Generation slot, and on day 4 it is put back.`,
        tokenValidityHours: 1,
        release: RELEASE_WITH_FIX,
        changes: [
          {
            at: day(2) + 10 * HOUR_MS,
            kind: 'trigger-slot',
            inSlot: false,
            why: 'a Terraform apply of the pool, whose lambda_config did not name the trigger',
          },
          {
            at: day(3) + 10 * HOUR_MS,
            kind: 'trigger-slot',
            inSlot: true,
            why: "the trigger put back, this time in the pool's own lambda_config",
          },
        ],
        minDays: 4,
      };
    case 'refresh-as-authentication':
      return {
        name,
        summary: `Argo CD ${RELEASE_WITH_FIX.version} and 1 h tokens, but Cognito hands the refreshes to the trigger as TokenGeneration_Authentication ("authentication or token refresh"): the monitor cannot tell them from sign-ins.`,
        tokenValidityHours: 1,
        release: RELEASE_WITH_FIX,
        changes: [],
        refreshTriggerSource: 'TokenGeneration_Authentication',
        minDays: 1,
      };
    case 'outage': {
      // The no-refresh week, so there are alerts to read as if nothing had happened.
      const outage = (hours: number, fault: TriggerDynamoDbFault, why: string): ScenarioChange => ({
        at: day(0) + hours * HOUR_MS,
        kind: 'trigger-dynamodb',
        fault,
        why,
      });
      return {
        ...scenarioPlan('no-refresh', days),
        name,
        summary: `The no-refresh week (Argo CD ${RELEASE_BEFORE_FIX.version}, 1 h tokens), but from 10:00 to 12:00 on day 1 DynamoDB refuses the trigger's writes, and from 10:40 to 11:10 answers them only after the trigger's budget: the sign-ins go on, the hourly check recovers what failed.`,
        changes: [
          outage(10, 'throttle', 'the table is throttled: ProvisionedThroughputExceededException'),
          outage(10 + 2 / 3, 'hang', 'the table is overloaded: each write lands after the trigger gave up'),
          outage(11 + 1 / 6, 'throttle', 'throttled again'),
          outage(12, 'none', 'the outage is over'),
        ],
      };
    }
  }
}

export function scenarioMinDays(name: ScenarioName): number {
  return scenarioPlan(name, [0]).minDays;
}
