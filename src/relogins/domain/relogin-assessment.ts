/**
 * Everything the scheduled re-login check knows about one app client over its window: the figures
 * for metrics and the alert, and the advice. Pure; the use case gathers the inputs.
 */

import type { AppClientDescription, TokenValidity } from '../../app-clients';
import type { Messages } from '../../shared/i18n';
import { percentile } from '../../shared/stats';
import type { UpstreamFindings } from '../../upstream';
import type { ActivityEvent } from './activity';
import { summariseActivity, type UserSummary } from './activity-summary';
import { type AdviceItem, advise } from './advice';
import type { SessionRules } from './session-rules';

/** Cognito's own counts (`AWS/Cognito`) for the client over the same window. */
export interface CognitoUsage {
  signInSuccesses: number;
  tokenRefreshSuccesses: number;
}

export interface ReLoginAssessmentSettings {
  heavyReLogins: number;
  windowHours: number;
  minutesPerReLogin: number;
  proposedValidityHours: number;
  /** Argo CD's `users.session.duration` (ARGOCD_SESSION_HOURS), for the advice's re-login ceiling. */
  rules: Pick<SessionRules, 'sessionHours'>;
  /** The language of the advice; English when left out. */
  messages?: Messages;
}

export interface ReLoginAssessmentInput {
  userPoolId: string;
  clientId: string;
  /** Epoch ms: the window is (windowEnd - windowHours, windowEnd]. */
  windowEnd: number;
  events: readonly ActivityEvent[];
  /** The app client's DescribeUserPoolClient answer; null when it could not be read. */
  client: AppClientDescription | null;
  cognito: CognitoUsage | null;
  upstream?: UpstreamFindings | null;
}

export interface ReLoginAssessment {
  userPoolId: string;
  clientId: string;
  windowHours: number;
  windowEnd: number;
  heavyReLogins: number;
  totals: { logins: number; reLogins: number; refreshes: number; activeUsers: number };
  /** Heavy users, most re-logins first. */
  heavyUsers: UserSummary[];
  reLoginIntervalP50Minutes: number | null;
  reLoginIntervalP90Minutes: number | null;
  reLoginsPerActiveUser: number;
  estimatedMinutesLost: number;
  tokenValidity: TokenValidity | null;
  cognito: CognitoUsage | null;
  advice: AdviceItem[];
  /** Hours from the window's first event to its last (0 with none): how long the team was seen working. */
  activityHours: number;
}

export function buildReLoginAssessment(
  input: ReLoginAssessmentInput,
  settings: ReLoginAssessmentSettings,
): ReLoginAssessment {
  const summary = summariseActivity(input.events, {
    minReLogins: settings.heavyReLogins,
    windowHours: settings.windowHours,
    windowEnd: input.windowEnd,
  });
  const heavy = new Set(summary.heavyUsers);
  const { totals } = summary;
  return {
    userPoolId: input.userPoolId,
    clientId: input.clientId,
    windowHours: settings.windowHours,
    windowEnd: input.windowEnd,
    heavyReLogins: settings.heavyReLogins,
    totals,
    heavyUsers: summary.users.filter((user) => heavy.has(user.user)),
    reLoginIntervalP50Minutes: percentile(summary.reLoginIntervalsMinutes, 50),
    reLoginIntervalP90Minutes: percentile(summary.reLoginIntervalsMinutes, 90),
    reLoginsPerActiveUser: totals.activeUsers === 0 ? 0 : totals.reLogins / totals.activeUsers,
    estimatedMinutesLost: totals.reLogins * settings.minutesPerReLogin,
    tokenValidity: input.client?.tokenValidity ?? null,
    cognito: input.cognito,
    advice: advise({
      events: input.events,
      summary,
      heavyReLogins: settings.heavyReLogins,
      client: input.client,
      cognitoTokenRefreshes: input.cognito?.tokenRefreshSuccesses ?? null,
      proposedValidityHours: settings.proposedValidityHours,
      sessionHours: settings.rules.sessionHours,
      upstream: input.upstream ?? null,
      ...(settings.messages === undefined ? {} : { messages: settings.messages }),
    }),
    activityHours: activityHours(
      input.events,
      input.windowEnd - settings.windowHours * 3_600_000,
      input.windowEnd,
    ),
  };
}

function activityHours(events: readonly ActivityEvent[], from: number, to: number): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const { at } of events) {
    if (at <= from || at > to) continue;
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  return last < first ? 0 : (last - first) / 3_600_000;
}
