import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins';
import { userLabeler } from '../../../src/relogins';
import { lastCompletePeriod } from '../../../src/reports/domain/period';
import { buildPeriodicReport, type ReportInput } from '../../../src/reports/domain/periodic-report';
import {
  clientSections,
  figureRows,
  heavyUserLines,
  reportSummary,
} from '../../../src/reports/domain/report-text';
import { messagesFor } from '../../../src/shared/i18n';
import { fixtureClient } from '../../support/app-clients';

const POOL = 'eu-west-1_EXAMPLE';
const CLIENT = 'argocdclient';
const HOUR = 3_600_000;
// Reported at Monday 23 Nov 2026 09:00 Berlin: this week is Mon 16 – Sun 22 Nov, the previous Mon 9 – Sun 15.
const RUN_AT = Date.parse('2026-11-23T08:00:00Z');
const THIS_MONDAY = Date.parse('2026-11-15T23:00:00Z');
const LAST_MONDAY = THIS_MONDAY - 7 * 24 * HOUR;

function event(user: string, at: number, kind: ActivityEvent['kind'], intervalMinutes: number | null = null) {
  return {
    at,
    kind,
    userPoolId: POOL,
    clientId: CLIENT,
    user,
    username: user,
    email: `${user}@example.com`,
    intervalMinutes,
  };
}

/** A working day from 09:00 local: a session start, then a re-login every hour, `reLogins` times. */
function workingDay(user: string, dayStart: number, reLogins: number): ActivityEvent[] {
  const start = dayStart + 9 * HOUR;
  return [
    event(user, start, 'session-start'),
    ...Array.from({ length: reLogins }, (_, index) =>
      event(user, start + (index + 1) * HOUR, 're-login', 60),
    ),
  ];
}

function input(events: ActivityEvent[], overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    userPoolId: POOL,
    period: lastCompletePeriod(RUN_AT, 'week', 'Europe/Berlin'),
    clients: [
      {
        clientId: CLIENT,
        events,
        client: fixtureClient({ ClientId: CLIENT, UserPoolId: POOL }),
        cognito: {
          current: { signInSuccesses: 40, tokenRefreshSuccesses: 0 },
          previous: { signInSuccesses: 20, tokenRefreshSuccesses: 0 },
        },
        stretchedSince: null,
      },
    ],
    upstream: null,
    heavyReLogins: 3,
    minutesPerReLogin: 0.5,
    proposedValidityHours: 8,
    sessionHours: 24,
    ...overrides,
  };
}

const row = (rows: ReturnType<typeof figureRows>, label: string) =>
  rows.find((candidate) => candidate.label === label);

describe('Module: platform report', () => {
  it('should put each period beside the previous one with the change', () => {
    // ann: 5 days × 4 re-logins this week, 2 days × 2 the week before; ben only this week, 1 day × 1.
    const events = [
      ...[0, 1, 2, 3, 4].flatMap((day) => workingDay('ann', THIS_MONDAY + day * 24 * HOUR, 4)),
      ...workingDay('ben', THIS_MONDAY + 24 * HOUR, 1),
      ...[0, 1].flatMap((day) => workingDay('ann', LAST_MONDAY + day * 24 * HOUR, 2)),
    ];
    const report = buildPeriodicReport(input(events));
    expect(report.current).toMatchObject({ signIns: 27, reLogins: 21, refreshes: 0, activeUsers: 2 });
    expect(report.previous).toMatchObject({ signIns: 6, reLogins: 4, activeUsers: 1 });
    const rows = figureRows(report);
    expect(row(rows, 'Re-logins')).toEqual({
      label: 'Re-logins',
      current: '21',
      previous: '4',
      change: '+17 (+425%)',
    });
    expect(row(rows, 'Active users')?.change).toBe('+1 (+100%)');
    expect(row(rows, 'Re-logins per active user')).toMatchObject({
      current: '10.5',
      previous: '4',
      change: '+6.5 (+163%)',
    });
    expect(row(rows, 'Time lost (estimate)')).toMatchObject({
      current: '11 min',
      previous: '2 min',
      change: '+9 min (+450%)',
    });
    expect(row(rows, 'Refreshes (Cognito)')).toMatchObject({
      current: '0',
      change: '0',
    });
    // Heavy: 3 or more re-logins on one day; ann on 5 days, ben never.
    expect(report.current.heavyUsers.map((heavy) => [heavy.user.user, heavy.heavyDays])).toEqual([
      ['ann', 5],
    ]);
    expect(report.previous.heavyUsers).toEqual([]);
    expect(report.current.days.map((day) => day.reLogins)).toEqual([4, 5, 4, 4, 4, 0, 0]);
    expect(report.current.days.map((day) => day.activeUsers)).toEqual([1, 2, 1, 1, 1, 0, 0]);
  });

  it('should cut days in the report zone, not in UTC', () => {
    // 23:30 UTC on Sunday 15 Nov is 00:30 on Monday 16 Nov in Berlin: this week's first day.
    const lateSunday = Date.parse('2026-11-15T23:30:00Z');
    const report = buildPeriodicReport(
      input([event('ann', lateSunday, 'session-start'), event('ann', lateSunday + HOUR, 're-login', 60)]),
    );
    expect(report.current.days[0]).toEqual({ date: '2026-11-16', reLogins: 1, refreshes: 0, activeUsers: 1 });
    expect(report.previous.activeUsers).toBe(0);
    const utc = buildPeriodicReport(
      input([event('ann', lateSunday, 'session-start')], {
        period: lastCompletePeriod(RUN_AT, 'week', 'UTC'),
      }),
    );
    expect(utc.current.days[6]).toMatchObject({ date: '2026-11-22', activeUsers: 0 });
  });

  it('should report a period with no activity as zeros, without a change to divide by', () => {
    const report = buildPeriodicReport(input([]));
    expect(report.current).toMatchObject({
      signIns: 0,
      reLogins: 0,
      activeUsers: 0,
      reLoginsPerActiveUser: 0,
      medianReLoginIntervalMinutes: null,
    });
    const rows = figureRows(report);
    expect(row(rows, 'Re-logins')).toEqual({ label: 'Re-logins', current: '0', previous: '0', change: '0' });
    expect(row(rows, 'Median re-login interval')).toMatchObject({ current: '–', change: '–' });
    expect(report.current.days).toHaveLength(7);
  });

  it('should show heavy users per the configured identity, top N only', () => {
    const events = ['ann', 'ben', 'cid'].flatMap((user, index) => workingDay(user, THIS_MONDAY, 3 + index));
    const report = buildPeriodicReport(input(events));
    expect(heavyUserLines(report, userLabeler({ mode: 'email' }), 2)).toEqual([
      'cid@example.com: 5 re-logins, heavy on 1 day, median every 1 h',
      'ben@example.com: 4 re-logins, heavy on 1 day, median every 1 h',
      '…and 1 more',
    ]);
    expect(heavyUserLines(report, userLabeler({ mode: 'username' }), 10)[2]).toMatch(/^ann: 3 re-logins/);
    const hashed = heavyUserLines(report, userLabeler({ mode: 'hashed', key: 'k' }), 10);
    expect(hashed.every((line) => /^user-[0-9a-f]{10}: /.test(line))).toBe(true);
    expect(hashed.join('\n')).not.toMatch(/ann|ben|cid/);
  });

  it('should name stretched validity as security debt only while refreshes are seen', () => {
    const stretched = fixtureClient({
      ClientId: CLIENT,
      UserPoolId: POOL,
      IdTokenValidity: 8,
      AccessTokenValidity: 8,
    });
    const refreshing = [
      event('ann', THIS_MONDAY + 10 * HOUR, 'session-start'),
      event('ann', THIS_MONDAY + 11 * HOUR, 'refresh'),
    ];
    const since = THIS_MONDAY - 20 * 24 * HOUR;
    const base = input(refreshing);
    const [first] = base.clients;
    if (first === undefined) throw new Error('input() makes one client');
    const client = { ...first, client: stretched, stretchedSince: since };
    const report = buildPeriodicReport({ ...base, clients: [client] });
    expect(report.clients[0]?.stopGapDebt).toEqual({ idTokenMinutes: 480, accessTokenMinutes: 480, since });
    // 20 days before the period, which is a week long: at least 27 days by its end.
    expect(clientSections(report)[0]?.debt).toBe(
      'Token validity still stretched to ID 8 h / access 8 h while refresh tokens are in use: security debt for at least 27 days (first seen stretched by the re-login check Tue, 27 Oct 2026). Undo the stop-gap.',
    );
    expect(report.clients[0]?.advice.map((item) => item.id)).toContain('revert-token-validity');
    const noRefresh = buildPeriodicReport({
      ...base,
      clients: [{ ...client, events: refreshing.slice(0, 1) }],
    });
    expect(noRefresh.clients[0]?.stopGapDebt).toBeNull();
  });

  it('should judge the refresh by the days since it began, not by re-logins before an upgrade', () => {
    const stretched = fixtureClient({
      ClientId: CLIENT,
      UserPoolId: POOL,
      IdTokenValidity: 8,
      AccessTokenValidity: 8,
    });
    const day = 24 * HOUR;
    // Heavy on Monday and Tuesday before the upgrade; from Thursday on ann refreshes, bob still re-logs.
    const beforeUpgrade = [...workingDay('ann', THIS_MONDAY, 6), ...workingDay('bob', THIS_MONDAY + day, 6)];
    const afterUpgrade = [
      event('ann', THIS_MONDAY + 3 * day + 10 * HOUR, 'refresh'),
      ...workingDay('ann', THIS_MONDAY + 4 * day, 0),
    ];
    const [first] = input([]).clients;
    if (first === undefined) throw new Error('input() makes one client');
    const report = (events: ActivityEvent[]) =>
      buildPeriodicReport({ ...input(events), clients: [{ ...first, events, client: stretched }] });

    // Assess: recovered since the refresh began: undo the stop-gap, no partial-refresh diagnosis.
    const recovered = report([...beforeUpgrade, ...afterUpgrade]);
    expect(recovered.current.heavyUsers.map((heavy) => heavy.user.user)).toEqual(['ann', 'bob']);
    expect(recovered.clients[0]?.advice.map((item) => item.id)).toEqual(['revert-token-validity']);
    // Someone still heavy after the refresh began: that is the partial refresh.
    const partial = report([
      ...beforeUpgrade,
      ...afterUpgrade,
      ...workingDay('bob', THIS_MONDAY + 4 * day, 5),
    ]);
    expect(partial.clients[0]?.advice.map((item) => item.id)).toEqual(['diagnose-partial-refresh']);
  });

  it('should mark the hours the monitor did not see, clipped to the period, before any advice', () => {
    // A detach from Wednesday 13:00 to 17:00 UTC, and one that began before the period.
    const wednesday = THIS_MONDAY + 2 * 24 * HOUR + HOUR;
    const base = input(workingDay('ann', THIS_MONDAY, 4));
    const [client] = base.clients;
    const report = buildPeriodicReport({
      ...base,
      clients: [
        {
          ...(client as ReportInput['clients'][number]),
          blindSpans: [
            { from: LAST_MONDAY, to: THIS_MONDAY + 2 * HOUR, cause: 'undercounting' },
            { from: wednesday + 12 * HOUR, to: wednesday + 16 * HOUR, cause: 'detached' },
          ],
        },
      ],
    });

    const [section] = clientSections(report);

    expect(section?.advice[0]).toEqual({
      title: 'Hours the monitor did not see',
      severity: 'warning',
      text: '6 hours of this period were not fully recorded: 2026-11-16 00:00 Europe/Berlin to 2026-11-16 02:00 Europe/Berlin (recording short of Cognito’s count); 2026-11-18 13:00 Europe/Berlin to 2026-11-18 17:00 Europe/Berlin (trigger detached). The figures miss them; they do not mean fewer re-logins.',
    });
    expect(clientSections(buildPeriodicReport(base))[0]?.advice.map((item) => item.title)).not.toContain(
      'Hours the monitor did not see',
    );
  });

  it('should count no sign-in of the misclassified hours as a re-login, list no heavy user from them, and say why', () => {
    // ann re-logs in 5 times on Tuesday while refreshes arrive as sign-ins (09:00–16:00 UTC); bob 4 times on Thursday, seen.
    const tuesday = THIS_MONDAY + 24 * HOUR;
    const base = input([
      ...workingDay('ann', tuesday, 5),
      ...workingDay('bob', THIS_MONDAY + 3 * 24 * HOUR, 4),
    ]);
    const [client] = base.clients;
    const report = buildPeriodicReport({
      ...base,
      clients: [
        {
          ...(client as ReportInput['clients'][number]),
          blindSpans: [{ from: tuesday + 9 * HOUR, to: tuesday + 16 * HOUR, cause: 'misclassifying' }],
        },
      ],
    });

    // Assess: ann's sign-ins still count as sign-ins, none as a re-login.
    expect(report.current).toMatchObject({ signIns: 11, reLogins: 4, activeUsers: 2 });
    expect(report.current.heavyUsers.map((heavy) => heavy.user.user)).toEqual(['bob']);
    expect(report.unreliableReLogins).toEqual({ signIns: 5, hours: 7 });
    expect(reportSummary(report)).toContain(
      "Re-logins are unreliable for 7 hours of this period: refreshes reached the trigger as sign-ins there, so a re-login cannot be told from a refresh. Those hours' 5 sign-ins are counted as sign-ins only, not as re-logins.",
    );
    const heavy = heavyUserLines(report, userLabeler({ mode: 'username' }), 10);
    expect(heavy).toHaveLength(2);
    expect(heavy[0]).toMatch(/^bob: /);
    expect(heavy[1]).toBe(
      'Nobody is listed from the 7 hours whose refreshes reached the trigger as sign-ins: re-logins there cannot be told from refreshes.',
    );
    const ja = messagesFor('ja', 'Europe/Berlin');
    expect(reportSummary(report, ja)).toContain('7 時間は再ログインの数が信頼できません');
    expect(heavyUserLines(report, userLabeler({ mode: 'username' }), 10, ja)[1]).toContain(
      '7 時間からは誰も挙げていません',
    );
    // Another cause (the trigger detached) leaves the re-logins the trigger did see as they are.
    const detached = buildPeriodicReport({
      ...base,
      clients: [
        {
          ...(client as ReportInput['clients'][number]),
          blindSpans: [{ from: tuesday + 9 * HOUR, to: tuesday + 16 * HOUR, cause: 'detached' }],
        },
      ],
    });
    expect(detached.current.reLogins).toBe(9);
    expect(detached.unreliableReLogins).toBeNull();
  });

  it('should say in the summary how many sign-ins were recovered, summed over the clients, and nothing when none was', () => {
    // Prepare
    const base = input(workingDay('ann', THIS_MONDAY, 2));
    const [client] = base.clients as ReportInput['clients'];
    const withRecovered = (counts: number[]) =>
      buildPeriodicReport({
        ...base,
        clients: counts.map((recoveredSignIns, index) => ({
          ...(client as ReportInput['clients'][number]),
          clientId: `${CLIENT}${index}`,
          recoveredSignIns,
        })),
      });

    // Act
    const report = withRecovered([1200, 34]);
    const none = withRecovered([0]);

    // Assess
    expect(report.recoveredSignIns).toBe(1234);
    expect(reportSummary(report)).toMatch(
      /; week of .* for comparison\. The figures include 1,234 sign-ins the trigger could not write at the time \(DynamoDB failed\), recovered from its log by the hourly check\.$/,
    );
    expect(reportSummary(report, messagesFor('ja', 'Europe/Berlin'))).toContain(
      '数値には、トリガーがその時点で書き込めなかった (DynamoDB の障害) サインイン 1,234 回が含まれています。',
    );
    expect(reportSummary(none)).not.toContain('recovered');
    expect(reportSummary(withRecovered([1]))).toContain('The figures include 1 sign-in the trigger');
  });
});
