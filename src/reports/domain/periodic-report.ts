/**
 * The platform team's periodic report: the period beside the previous one, each tracked app client's
 * token validity and advice, the upstream status, and how long a stop-gap still in place has been
 * security debt. Pure: the use case and the offline command gather the inputs.
 */
import type { AppClientDescription, TokenValidity } from '../../app-clients';
import type { BlindSpan } from '../../coverage';
import {
  type ActivityEvent,
  type AdviceItem,
  advise,
  type CognitoUsage,
  isStretched,
  summariseActivity,
} from '../../relogins';
import type { Messages } from '../../shared/i18n';
import type { UpstreamFindings } from '../../upstream';
import { previousPeriod, type ReportPeriod } from './period';
import { type PeriodFigures, periodFigures } from './period-figures';

export interface ReportClientInput {
  clientId: string;
  /** The client's activity over both periods (more is filtered out). */
  events: readonly ActivityEvent[];
  /** The client's DescribeUserPoolClient answer (token validity, for the advice's documents); null when unreadable. */
  client: AppClientDescription | null;
  cognito: { current: CognitoUsage | null; previous: CognitoUsage | null };
  /** Epoch ms the monitor first saw this client's validity stretched; null when it never recorded it. */
  stretchedSince: number | null;
  /** Hours of the period the monitor did not fully see (its self-check); none when absent. */
  blindSpans?: readonly BlindSpan[];
  /** Sign-ins of the period the trigger could not write and the re-login check recovered; none when absent. */
  recoveredSignIns?: number;
}

export interface ReportInput {
  userPoolId: string;
  period: ReportPeriod;
  clients: readonly ReportClientInput[];
  upstream: UpstreamFindings | null;
  heavyReLogins: number;
  minutesPerReLogin: number;
  proposedValidityHours: number;
  /** Argo CD's `users.session.duration` in hours (ARGOCD_SESSION_HOURS), for the advice. */
  sessionHours: number;
  /** The language of the advice; English when left out. */
  messages?: Messages;
}

/** Stretched validity while refresh tokens are already in use: the stop-gap is no longer needed. */
export interface StopGapDebt {
  idTokenMinutes: number;
  accessTokenMinutes: number;
  /** Epoch ms; null when the monitor did not record when it began. */
  since: number | null;
}

export interface ClientStatus {
  clientId: string;
  tokenValidity: TokenValidity | null;
  advice: AdviceItem[];
  stopGapDebt: StopGapDebt | null;
  /** Hours of the period the monitor did not fully see: its figures miss them. */
  blindSpans: BlindSpan[];
}

/**
 * Sign-ins in hours whose refreshes arrived as sign-ins (self-check cause `misclassifying`): there a
 * refresh cannot be told from a re-login, so none of them is counted or shown as one.
 */
export interface UnreliableReLogins {
  signIns: number;
  hours: number;
}

export interface PeriodicReport {
  userPoolId: string;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  current: PeriodFigures;
  previous: PeriodFigures;
  clients: ClientStatus[];
  upstream: UpstreamFindings | null;
  /** Null when every hour of the period could tell a re-login from a refresh. */
  unreliableReLogins: UnreliableReLogins | null;
  /** Sign-ins the trigger could not write at the time, recovered from its log: the figures include them. */
  recoveredSignIns: number;
}

function sumCognito(usages: readonly (CognitoUsage | null)[]): CognitoUsage | null {
  if (usages.length === 0 || usages.some((usage) => usage === null)) return null;
  return (usages as CognitoUsage[]).reduce(
    (sum, usage) => ({
      signInSuccesses: sum.signInSuccesses + usage.signInSuccesses,
      tokenRefreshSuccesses: sum.tokenRefreshSuccesses + usage.tokenRefreshSuccesses,
    }),
    { signInSuccesses: 0, tokenRefreshSuccesses: 0 },
  );
}

/**
 * The users the advice counts as heavy: those heavy on a day of the period, but once the trigger saw a
 * refresh, only on the days from that one on. The advice is about where the period ended: re-logins
 * before an upgrade say nothing about whether the refresh works for everyone.
 */
function heavyUsersForAdvice(
  client: ReportClientInput,
  input: ReportInput,
  figures: PeriodFigures,
): string[] {
  const { period } = input;
  const firstRefresh = client.events.find(
    (event) => event.kind === 'refresh' && event.at >= period.start && event.at < period.end,
  );
  const days = firstRefresh === undefined ? [] : period.days.filter((day) => day.end > firstRefresh.at);
  const since = days[0] === undefined ? null : { ...period, start: days[0].start, days };
  const heavy =
    since === null ? figures.heavyUsers : periodFigures(client.events, since, null, input).heavyUsers;
  return heavy.map((user) => user.user.user);
}

function clientStatus(client: ReportClientInput, input: ReportInput): ClientStatus {
  const { period } = input;
  const figures = periodFigures(client.events, period, client.cognito.current, input);
  const events = client.events.filter((event) => event.at >= period.start && event.at < period.end);
  // The advice's heavy users are the period's (heavy on at least one day), not the last 24 h's.
  const summary = {
    ...summariseActivity(events, {
      minReLogins: input.heavyReLogins,
      windowHours: (period.end - period.start) / 3_600_000,
      windowEnd: period.end,
    }),
    heavyUsers: heavyUsersForAdvice(client, input, figures),
  };
  const advice = advise({
    events,
    summary,
    heavyReLogins: input.heavyReLogins,
    client: client.client,
    cognitoTokenRefreshes: client.cognito.current?.tokenRefreshSuccesses ?? null,
    proposedValidityHours: input.proposedValidityHours,
    sessionHours: input.sessionHours,
    upstream: input.upstream,
    ...(input.messages === undefined ? {} : { messages: input.messages }),
  });
  const refreshesSeen = figures.refreshes > 0 || (client.cognito.current?.tokenRefreshSuccesses ?? 0) > 0;
  const validity = client.client?.tokenValidity ?? null;
  return {
    clientId: client.clientId,
    tokenValidity: validity,
    advice,
    stopGapDebt:
      validity !== null && refreshesSeen && isStretched(validity) === true
        ? {
            idTokenMinutes: validity.idTokenMinutes,
            accessTokenMinutes: validity.accessTokenMinutes,
            since: client.stretchedSince,
          }
        : null,
    blindSpans: (client.blindSpans ?? [])
      .map((span) => ({
        ...span,
        from: Math.max(span.from, period.start),
        to: Math.min(span.to ?? period.end, period.end),
      }))
      .filter((span) => span.from < span.to),
  };
}

function misclassifiedSpans(client: ReportClientInput, period: ReportPeriod): { from: number; to: number }[] {
  return (client.blindSpans ?? [])
    .filter((span) => span.cause === 'misclassifying')
    .map((span) => ({ from: span.from, to: span.to ?? period.end }));
}

/**
 * The client with its re-logins in misclassified hours kept as sign-ins only (session starts), so no
 * figure, heavy-user list or advice reads a refresh as a re-login; and how many there were.
 */
function withoutMisclassifiedReLogins(
  client: ReportClientInput,
  period: ReportPeriod,
): { client: ReportClientInput; unreliable: UnreliableReLogins } {
  const spans = misclassifiedSpans(client, period);
  const misclassified = (event: ActivityEvent) =>
    event.kind === 're-login' && spans.some((span) => event.at >= span.from && event.at < span.to);
  const events = client.events.map((event) =>
    misclassified(event) ? { ...event, kind: 'session-start' as const, intervalMinutes: null } : event,
  );
  const hours = spans.reduce(
    (sum, span) => sum + Math.max(0, Math.min(span.to, period.end) - Math.max(span.from, period.start)),
    0,
  );
  return {
    client: { ...client, events },
    unreliable: {
      signIns: client.events.filter(
        (event) => misclassified(event) && event.at >= period.start && event.at < period.end,
      ).length,
      hours: Math.ceil(hours / 3_600_000),
    },
  };
}

export function buildPeriodicReport(reportInput: ReportInput): PeriodicReport {
  const adjusted = reportInput.clients.map((client) =>
    withoutMisclassifiedReLogins(client, reportInput.period),
  );
  const input = { ...reportInput, clients: adjusted.map((entry) => entry.client) };
  const unreliable = adjusted.reduce(
    (sum, { unreliable: entry }) => ({
      signIns: sum.signIns + entry.signIns,
      hours: sum.hours + entry.hours,
    }),
    { signIns: 0, hours: 0 },
  );
  const previous = previousPeriod(input.period);
  const events = input.clients.flatMap((client) => client.events);
  const figures = (period: ReportPeriod, which: 'current' | 'previous') =>
    periodFigures(events, period, sumCognito(input.clients.map((client) => client.cognito[which])), input);
  return {
    userPoolId: input.userPoolId,
    period: input.period,
    previousPeriod: previous,
    current: figures(input.period, 'current'),
    previous: figures(previous, 'previous'),
    clients: input.clients.map((client) => clientStatus(client, input)),
    upstream: input.upstream,
    unreliableReLogins: unreliable.hours > 0 ? unreliable : null,
    recoveredSignIns: input.clients.reduce((sum, client) => sum + (client.recoveredSignIns ?? 0), 0),
  };
}
