/**
 * The report's content as plain pieces of text, shared by every form it takes (Slack, Markdown, HTML),
 * so the three always say the same. Inline code is marked with backticks, as in Slack and Markdown.
 */

import type { TokenValidity } from '../../app-clients';
import { ADVICE_TITLES, type AdviceItem, type UserLabeler } from '../../relogins';
import { formatMinutes } from '../../shared/durations';
import { codeSpan } from '../../shared/escaping';
import { round } from '../../shared/stats';
import { plural } from '../../shared/wording';
import { describePeriod } from './period';
import type { PeriodFigures } from './period-figures';
import type { ClientStatus, PeriodicReport, StopGapDebt } from './periodic-report';

export interface FigureRow {
  label: string;
  current: string;
  previous: string;
  change: string;
}

const MS_PER_DAY = 86_400_000;

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** "+12 (+4%)", "−3 (−10%)", "0", "+5 (new)"; `decimals` for ratios. */
function change(current: number | null, previous: number | null, decimals = 0, suffix = ''): string {
  if (current === null || previous === null) return '–';
  const delta = round(current - previous, decimals);
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  const absolute = `${sign}${Math.abs(delta).toLocaleString('en-US')}${suffix}`;
  if (previous === 0) return `${absolute} (new)`;
  const percent = Math.round((Math.abs(current - previous) / Math.abs(previous)) * 100);
  return `${absolute} (${sign}${percent}%)`;
}

function minutes(value: number | null): string {
  return value === null ? '–' : `${round(value, 0)} min`;
}

export function figureRows(report: PeriodicReport): FigureRow[] {
  const { current: now, previous: before } = report;
  const row = (
    label: string,
    pick: (figures: PeriodFigures) => number | null,
    show: (value: number | null) => string = (value) => (value === null ? '–' : count(value)),
    decimals = 0,
    suffix = '',
  ): FigureRow => ({
    label,
    current: show(pick(now)),
    previous: show(pick(before)),
    change: change(pick(now), pick(before), decimals, suffix),
  });
  return [
    row('Sign-ins', (f) => f.signIns),
    row('Re-logins', (f) => f.reLogins),
    row('Refreshes (trigger)', (f) => f.refreshes),
    row('Refreshes (Cognito)', (f) => f.cognito?.tokenRefreshSuccesses ?? null),
    row('Active users', (f) => f.activeUsers),
    row(
      'Re-logins per active user',
      (f) => round(f.reLoginsPerActiveUser, 1),
      (value) => (value === null ? '–' : String(value)),
      1,
    ),
    row('Median re-login interval', (f) => f.medianReLoginIntervalMinutes, minutes, 0, ' min'),
    row(
      'Time lost (estimate)',
      (f) => round(f.estimatedMinutesLost, 0),
      (value) => (value === null ? '–' : `${count(value)} min`),
      0,
      ' min',
    ),
    row('Heavy users', (f) => f.heavyUsers.length),
  ];
}

export function reportTitle(report: PeriodicReport): string {
  return `Argo CD sign-ins, ${describePeriod(report.period)} (${report.period.timeZone})`;
}

export function reportSummary(report: PeriodicReport): string {
  const { current } = report;
  const cognito =
    current.cognito === null ? '' : `, ${current.cognito.tokenRefreshSuccesses} in Cognito's own count`;
  return `${plural(current.reLogins, 're-login')} among ${plural(current.activeUsers, 'active user')}; ${plural(current.refreshes, 'refresh', 'refreshes')} seen by the trigger${cognito}; ${describePeriod(report.previousPeriod)} for comparison.`;
}

export function heavyUserLines(report: PeriodicReport, label: UserLabeler, top: number): string[] {
  const { heavyUsers } = report.current;
  const lines = heavyUsers.slice(0, top).map(({ user, heavyDays }) => {
    const interval =
      user.medianReLoginIntervalMinutes === null
        ? ''
        : `, median every ${round(user.medianReLoginIntervalMinutes, 0)} min`;
    return `${label(user)}: ${plural(user.reLogins, 're-login')}, heavy on ${plural(heavyDays, 'day')}${interval}`;
  });
  const hidden = heavyUsers.length - lines.length;
  return hidden > 0 ? [...lines, `…and ${hidden} more`] : lines;
}

export function validityText(validity: TokenValidity | null): string {
  return validity === null
    ? 'token validity unknown (DescribeUserPoolClient could not be read)'
    : `ID ${formatMinutes(validity.idTokenMinutes)} · access ${formatMinutes(validity.accessTokenMinutes)} · refresh ${formatMinutes(validity.refreshTokenMinutes)}`;
}

export function upstreamLines(report: PeriodicReport): string[] {
  const { upstream } = report;
  if (upstream === null) return ['No upstream check yet (the upstream watch has not completed a run).'];
  const deployed = upstream.deployedVersion ?? 'unknown';
  return upstream.fixes.map((fix) => {
    const released = fix.fixedIn.length > 0 ? `released in ${fix.fixedIn.join(', ')}` : 'not released yet';
    const has =
      fix.deployedHasFix === null
        ? `deployed version ${deployed}`
        : fix.deployedHasFix
          ? `deployed ${deployed} has it`
          : `deployed ${deployed} does not have it${fix.upgradeTo === null ? '' : `: upgrade to ${fix.upgradeTo}`}`;
    return `${fix.title}: ${released}; ${has}.`;
  });
}

function debtText(debt: StopGapDebt, at: number): string {
  const stretched = `ID ${formatMinutes(debt.idTokenMinutes)} / access ${formatMinutes(debt.accessTokenMinutes)}`;
  const since =
    debt.since === null
      ? 'since before the monitor recorded it'
      : `for at least ${plural(Math.max(0, Math.floor((at - debt.since) / MS_PER_DAY)), 'day')} (first seen stretched by the re-login check ${new Date(debt.since).toISOString().slice(0, 10)})`;
  return `Token validity still stretched to ${stretched} while refresh tokens are in use: security debt ${since}. Undo the stop-gap.`;
}

export interface ClientSection {
  heading: string;
  validity: string;
  debt: string | null;
  advice: { title: string; severity: AdviceItem['severity']; text: string }[];
}

const BLIND_CAUSES = {
  detached: 'trigger detached',
  undercounting: 'recording short of Cognito’s count',
  misclassifying: 'refreshes arriving as sign-ins',
} as const;

function minute(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The hours the monitor did not see, first: every figure of the section misses them. */
function blindNotice(client: ClientStatus): ClientSection['advice'] {
  if (client.blindSpans.length === 0) return [];
  const hours = client.blindSpans.reduce(
    (sum, span) => sum + ((span.to ?? span.from) - span.from) / 3_600_000,
    0,
  );
  const spans = client.blindSpans
    .map((span) => `${minute(span.from)} to ${minute(span.to ?? span.from)} (${BLIND_CAUSES[span.cause]})`)
    .join('; ');
  return [
    {
      title: 'Hours the monitor did not see',
      severity: 'warning',
      text: `${plural(Math.round(hours), 'hour')} of this period were not fully recorded: ${spans}. The figures miss them; they do not mean fewer re-logins.`,
    },
  ];
}

export function clientSections(report: PeriodicReport): ClientSection[] {
  return report.clients.map((client: ClientStatus) => ({
    heading: `App client ${codeSpan(client.clientId)}`,
    validity: validityText(client.tokenValidity),
    debt: client.stopGapDebt === null ? null : debtText(client.stopGapDebt, report.period.end),
    advice: [
      ...blindNotice(client),
      ...client.advice.map((item) => ({
        title: ADVICE_TITLES[item.id],
        severity: item.severity,
        text: item.text,
      })),
    ],
  }));
}
