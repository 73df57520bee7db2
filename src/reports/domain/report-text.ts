/**
 * The report's content as plain pieces of text, shared by every form it takes (Slack, Markdown, HTML),
 * so the three always say the same, in the report's locale (the catalog) and time zone (the period's).
 * Inline code is marked with backticks, as in Slack and Markdown.
 */
import type { TokenValidity } from '../../app-clients';
import type { AdviceItem, UserLabeler } from '../../relogins';
import { DAY_MS } from '../../shared/durations';
import { codeSpan } from '../../shared/escaping';
import { type Messages, messagesFor } from '../../shared/i18n';
import { round } from '../../shared/stats';
import { describePeriod } from './period';
import type { PeriodFigures } from './period-figures';
import type { ClientStatus, PeriodicReport, StopGapDebt } from './periodic-report';

/** The report's words: the given locale's, else English, in the report's own time zone. */
export function reportMessages(report: PeriodicReport, messages?: Messages): Messages {
  return messages ?? messagesFor('en', report.period.timeZone);
}

export interface FigureRow {
  label: string;
  current: string;
  previous: string;
  change: string;
}

/** "+12 (+4%)", "−3 (−10%)", "0", "+5 (new)"; `decimals` for ratios. */
function change(
  m: Messages,
  current: number | null,
  previous: number | null,
  decimals: number,
  size: (value: number) => string,
): string {
  if (current === null || previous === null) return '–';
  const delta = round(current - previous, decimals);
  if (delta === 0) return '0';
  const absolute = `${delta > 0 ? '+' : '−'}${size(Math.abs(delta))}`;
  if (previous === 0) return `${absolute} (${m.text.report.changeNew})`;
  const percent = Math.round((Math.abs(current - previous) / Math.abs(previous)) * 100);
  return `${absolute} (${delta > 0 ? '+' : '−'}${percent}%)`;
}

export function figureRows(report: PeriodicReport, messages?: Messages): FigureRow[] {
  const m = reportMessages(report, messages);
  const labels = m.text.report.rows;
  const { current: now, previous: before } = report;
  const count = (value: number | null) => (value === null ? '–' : m.format.count(value));
  const minutes = (value: number | null) => (value === null ? '–' : m.format.minutes(round(value, 0)));
  const row = (
    label: string,
    pick: (figures: PeriodFigures) => number | null,
    show: (value: number | null) => string = count,
    decimals = 0,
    size: (value: number) => string = (value) => m.format.decimal(value, decimals),
  ): FigureRow => ({
    label,
    current: show(pick(now)),
    previous: show(pick(before)),
    change: change(m, pick(now), pick(before), decimals, size),
  });
  const signedMinutes = (value: number) => m.format.minutes(value);
  return [
    row(labels.signIns, (f) => f.signIns),
    row(labels.reLogins, (f) => f.reLogins),
    row(labels.refreshesTrigger, (f) => f.refreshes),
    row(labels.refreshesCognito, (f) => f.cognito?.tokenRefreshSuccesses ?? null),
    row(labels.activeUsers, (f) => f.activeUsers),
    row(
      labels.reLoginsPerActiveUser,
      (f) => round(f.reLoginsPerActiveUser, 1),
      (value) => (value === null ? '–' : m.format.decimal(value, 1)),
      1,
    ),
    row(labels.medianReLoginInterval, (f) => f.medianReLoginIntervalMinutes, minutes, 0, signedMinutes),
    row(labels.timeLost, (f) => round(f.estimatedMinutesLost, 0), minutes, 0, signedMinutes),
    row(labels.heavyUsers, (f) => f.heavyUsers.length),
  ];
}

export function reportTitle(report: PeriodicReport, messages?: Messages): string {
  const m = reportMessages(report, messages);
  return m.text.report.title(describePeriod(report.period, m), report.period.timeZone);
}

export function reportSummary(report: PeriodicReport, messages?: Messages): string {
  const m = reportMessages(report, messages);
  const { current } = report;
  const summary = m.text.report.summary({
    reLogins: m.format.count(current.reLogins),
    activeUsers: m.format.count(current.activeUsers),
    refreshes: m.format.count(current.refreshes),
    cognitoRefreshes: current.cognito === null ? null : m.format.count(current.cognito.tokenRefreshSuccesses),
    previousPeriod: describePeriod(report.previousPeriod, m),
  });
  const unreliable = report.unreliableReLogins;
  return [
    summary,
    ...(unreliable === null
      ? []
      : [
          m.text.report.unreliableReLogins({
            hours: unreliable.hours,
            signIns: m.format.count(unreliable.signIns),
          }),
        ]),
    ...(report.recoveredSignIns > 0
      ? [m.text.report.recoveredSignIns(m.format.count(report.recoveredSignIns))]
      : []),
  ].join(' ');
}

export function heavyUserLines(
  report: PeriodicReport,
  label: UserLabeler,
  top: number,
  messages?: Messages,
): string[] {
  const m = reportMessages(report, messages);
  const { heavyUsers } = report.current;
  const lines = heavyUsers.slice(0, top).map(({ user, heavyDays }) =>
    m.text.report.heavyUserLine({
      user: label(user),
      reLogins: user.reLogins,
      heavyDays,
      medianInterval:
        user.medianReLoginIntervalMinutes === null
          ? null
          : m.format.minutes(round(user.medianReLoginIntervalMinutes, 0)),
    }),
  );
  const hidden = heavyUsers.length - lines.length;
  const unreliable = report.unreliableReLogins;
  return [
    ...lines,
    ...(hidden > 0 ? [m.text.report.andMore(hidden)] : []),
    ...(unreliable === null ? [] : [m.text.report.heavyUsersUnreliable(unreliable.hours)]),
  ];
}

export function validityText(validity: TokenValidity | null, m: Messages): string {
  return validity === null
    ? m.text.report.validityUnknown
    : m.text.report.validity(
        m.format.minutes(validity.idTokenMinutes),
        m.format.minutes(validity.accessTokenMinutes),
        m.format.minutes(validity.refreshTokenMinutes),
      );
}

export function upstreamLines(report: PeriodicReport, messages?: Messages): string[] {
  const m = reportMessages(report, messages);
  const { upstream } = report;
  if (upstream === null) return [m.text.report.noUpstreamCheck];
  return upstream.fixes.map((fix) =>
    m.text.report.upstreamLine({
      title: m.text.fixTitles[fix.id] ?? fix.title,
      fixedIn: fix.fixedIn.length > 0 ? fix.fixedIn.join(', ') : null,
      deployed: upstream.deployedVersion,
      deployedHasFix: fix.deployedHasFix,
      upgradeTo: fix.upgradeTo,
    }),
  );
}

function debtText(debt: StopGapDebt, at: number, m: Messages): string {
  return m.text.report.debt({
    id: m.format.minutes(debt.idTokenMinutes),
    access: m.format.minutes(debt.accessTokenMinutes),
    days: debt.since === null ? null : Math.max(0, Math.floor((at - debt.since) / DAY_MS)),
    since: debt.since === null ? null : m.format.date(debt.since),
  });
}

export interface ClientSection {
  heading: string;
  validity: string;
  debt: string | null;
  advice: { title: string; severity: AdviceItem['severity']; text: string }[];
}

/** The hours the monitor did not see, first: every figure of the section misses them. */
function blindNotice(client: ClientStatus, m: Messages): ClientSection['advice'] {
  if (client.blindSpans.length === 0) return [];
  const words = m.text.report.blind;
  const hours = client.blindSpans.reduce(
    (sum, span) => sum + ((span.to ?? span.from) - span.from) / 3_600_000,
    0,
  );
  const spans = client.blindSpans
    .map((span) =>
      words.span(
        m.format.dateTime(span.from),
        m.format.dateTime(span.to ?? span.from),
        words.causes[span.cause],
      ),
    )
    .join('; ');
  return [{ title: words.title, severity: 'warning', text: words.text(Math.round(hours), spans) }];
}

export function clientSections(report: PeriodicReport, messages?: Messages): ClientSection[] {
  const m = reportMessages(report, messages);
  return report.clients.map((client: ClientStatus) => ({
    heading: m.text.report.clientHeading(codeSpan(client.clientId)),
    validity: validityText(client.tokenValidity, m),
    debt: client.stopGapDebt === null ? null : debtText(client.stopGapDebt, report.period.end, m),
    advice: [
      ...blindNotice(client, m),
      ...client.advice.map((item) => ({
        title: m.text.advice.titles[item.id],
        severity: item.severity,
        text: item.text,
      })),
    ],
  }));
}
