/**
 * Every message kind (the alert, the short follow-ups, the recovery, the stop-gap reminder) with every
 * advice kind, and the report in all three forms, rendered in English and in Japanese. The Japanese
 * renderings must hold no English sentence outside code spans, links and identifiers, and both catalogs
 * must have the same keys with no empty text.
 */
import { describe, expect, it } from 'vitest';
import { readableText } from '../../../local/stand-ins/block-kit';
import { checkAttachment } from '../../../src/coverage/domain/attachment';
import { blindMessage } from '../../../src/coverage/domain/blind-messages';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { recoveryMessage, stopGapReminderMessage } from '../../../src/relogins/domain/episode-messages';
import { followUpMessage } from '../../../src/relogins/domain/follow-up-message';
import { reLoginAlertMessage } from '../../../src/relogins/domain/relogin-alert-message';
import { buildReLoginAssessment } from '../../../src/relogins/domain/relogin-assessment';
import type { OpenEpisode } from '../../../src/relogins/domain/relogin-episode';
import { userLabeler } from '../../../src/relogins/domain/report-identity';
import { buildPeriodicReport, lastCompletePeriod } from '../../../src/reports';
import { reportHtml, reportMarkdown, reportMessage } from '../../../src/reports/domain/report-documents';
import { CATALOGS, type Locale, messagesFor } from '../../../src/shared/i18n';
import type { UpstreamFindings } from '../../../src/upstream';
import { fixMessage } from '../../../src/upstream/domain/fix-message';
import type { FixStatus } from '../../../src/upstream/domain/upstream-fix-status';
import { SHIPPED_CATALOG } from '../../../src/upstream/shipped-catalog';
import { fixtureClient } from '../../support/app-clients';
import { englishRuns } from '../../support/english-prose';

const END = Date.parse('2026-11-26T06:00:00Z');
const HOUR = 3_600_000;
const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';

function event(user: string, kind: ActivityEvent['kind'], hoursBefore: number): ActivityEvent {
  return {
    at: END - hoursBefore * HOUR,
    kind,
    user,
    username: user,
    userPoolId: POOL,
    clientId: CLIENT,
    intervalMinutes: kind === 're-login' ? 60 : null,
  };
}

/** ann and ben sign in every hour: heavy. */
const heavy = ['ann', 'ben'].flatMap((user) => [
  event(user, 'session-start', 10),
  ...[9, 8, 7, 6].map((hours) => event(user, 're-login', hours)),
]);
/** Both also refreshed: refresh works for some (partial-refresh diagnosis). */
const partial = [...heavy, event('ann', 'refresh', 5), event('ben', 'refresh', 5)];
/** Only refreshes: nobody heavy. */
const calm = [event('cid', 'session-start', 10), ...[8, 6, 4].map((hours) => event('cid', 'refresh', hours))];

function upstream(version: string, hasFix: boolean): UpstreamFindings {
  return {
    deployedVersion: version,
    checkedAt: END,
    fixes: [
      {
        id: 'argocd-oidc-refresh',
        title: 'Argo CD renews expired sessions with the OIDC refresh token',
        merged: true,
        fixedIn: ['v3.4.6', 'v3.5.0'],
        fixedInPrerelease: ['v3.5.0-rc3'],
        deployedHasFix: hasFix,
        upgradeTo: hasFix ? null : 'v3.4.6',
      },
    ],
  };
}

/** Clients that bring out every advice kind and note: stop-gap, order, rotation, unknown fields. */
const rotation = { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 }, NewField: 1 };
const cases = [
  { events: heavy, client: fixtureClient(rotation), upstream: upstream('v3.3.14', false) },
  { events: heavy, client: fixtureClient({ IdTokenValidity: 1, AccessTokenValidity: 8 }), upstream: null },
  { events: heavy, client: fixtureClient(), upstream: upstream('v3.5.1', true) },
  {
    events: partial,
    client: fixtureClient({ ...rotation, ClientSecret: '' }),
    upstream: upstream('v3.4.2', false),
  },
  { events: calm, client: fixtureClient({ IdTokenValidity: 8, AccessTokenValidity: 12 }), upstream: null },
];

const EPISODE: OpenEpisode = {
  startedAt: END - 36 * HOUR,
  threadTs: '1764000000.000001',
  lastAlert: { heavyUsers: 4, alertedAt: END - 34 * HOUR },
  figuresAtLastAlert: {
    activeUsers: 4,
    heavyUsers: 4,
    reLoginsPerActiveUser: 8,
    triggerRefreshes: 0,
    cognitoRefreshes: 0,
  },
  lastHeavyAt: END - 24 * HOUR,
};
const STOP_GAP = { firstSeenAt: END - 200 * HOUR, lastReminderAt: null };

function slackRenderings(locale: Locale): string[] {
  const messages = messagesFor(locale, 'Asia/Tokyo');
  return cases.flatMap(({ events, client, upstream }) => {
    const assessment = buildReLoginAssessment(
      { userPoolId: POOL, clientId: CLIENT, windowEnd: END, events, client, cognito: null, upstream },
      {
        heavyReLogins: 3,
        windowHours: 24,
        minutesPerReLogin: 0.5,
        proposedValidityHours: 8,
        rules: { sessionHours: 24 },
        messages,
      },
    );
    const presentation = {
      label: userLabeler({ mode: 'username' }),
      metricsUrl: 'https://example.test/m',
      messages,
    };
    return [
      reLoginAlertMessage(assessment, { ...presentation, worsenedFrom: null }),
      reLoginAlertMessage(assessment, { ...presentation, worsenedFrom: 1 }),
      // The short follow-ups: advice unchanged, and advice changed since the previous post.
      followUpMessage(
        assessment,
        {
          worsenedFrom: 1,
          previous: {
            at: END - 24 * HOUR,
            figures: EPISODE.figuresAtLastAlert,
            advice: assessment.advice.map((item) => item.id),
          },
        },
        presentation,
      ),
      followUpMessage(
        assessment,
        {
          worsenedFrom: null,
          previous: {
            at: END - 24 * HOUR,
            figures: EPISODE.figuresAtLastAlert,
            advice: ['revert-token-validity'],
          },
        },
        presentation,
      ),
      recoveryMessage(assessment, EPISODE, STOP_GAP, presentation),
      recoveryMessage(assessment, EPISODE, null, presentation),
      stopGapReminderMessage(assessment, STOP_GAP, presentation),
      // The short reminder: the advice is the one of the last reminder.
      stopGapReminderMessage(
        assessment,
        {
          ...STOP_GAP,
          lastReminderAt: END - 168 * HOUR,
          adviceAtLastReminder: assessment.advice.map((item) => item.id),
        },
        presentation,
      ),
    ].flatMap((message) => [
      message.text,
      readableText(message.blocks),
      // The documents' titles (shown above each snippet in the thread) and the reply for a failed upload.
      ...(message.documents === undefined
        ? []
        : [
            ...message.documents.files.map((file) => file.title),
            message.documents.ifUploadFails.text,
            readableText(message.documents.ifUploadFails.blocks),
          ]),
    ]);
  });
}

function detachedInAutoMode() {
  const attachment = checkAttachment(
    { preTokenGeneration: 'arn:aws:lambda:ap-northeast-1:123456789012:function:team-claims' },
    {
      functionArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:relogin-monitor-authEvent',
      mode: 'auto',
    },
  );
  if (attachment.attached) throw new Error('expected a detached trigger');
  return attachment;
}

/** The self-check's monitor-blind alert for each cause, and its monitor-restored reply. */
function coverageRenderings(locale: Locale): string[] {
  const presentation = {
    userPoolId: POOL,
    clientId: CLIENT,
    metricsUrl: 'https://example.test/m',
    windowHours: 24,
    messages: messagesFor(locale, 'Asia/Tokyo'),
  };
  const counted = { recorded: { signIns: 40, refreshes: 0 }, cognito: { signIns: 12, refreshes: 28 } };
  return [
    blindMessage(
      {
        kind: 'monitor-blind',
        // The reason the self-check finds: our function in neither slot the auto mode expects.
        finding: { cause: 'detached', detachment: detachedInAutoMode() },
        since: END,
      },
      presentation,
    ),
    blindMessage(
      { kind: 'monitor-blind', finding: { cause: 'misclassifying', ...counted }, since: END },
      presentation,
    ),
    blindMessage(
      { kind: 'monitor-blind', finding: { cause: 'undercounting', ...counted }, since: END },
      presentation,
    ),
    blindMessage(
      {
        kind: 'monitor-restored',
        span: { from: END - 6 * HOUR, to: END, cause: 'undercounting' },
        coveragePercent: 97.5,
      },
      presentation,
    ),
  ].flatMap((message) => [message.text, readableText(message.blocks)]);
}

/** The upstream watch's first message for each shipped fix, in each deployed state, and its thread updates. */
function upstreamRenderings(locale: Locale): string[] {
  const messages = messagesFor(locale, 'Asia/Tokyo');
  const [fix, setting] = SHIPPED_CATALOG;
  if (fix === undefined || setting === undefined) throw new Error('the shipped catalog has two fixes');
  const status = (hasFix: boolean | null): FixStatus => ({
    id: fix.id,
    title: fix.title,
    merged: true,
    fixedIn: ['v3.4.6', 'v3.5.0'],
    fixedInPrerelease: ['v3.5.0-rc3'],
    deployedHasFix: hasFix,
    upgradeTo: hasFix === false ? 'v3.4.6' : null,
    ...(fix.advice === undefined ? {} : { advice: fix.advice }),
  });
  const prerequisites = [
    { entry: setting, status: { ...status(true), id: setting.id, fixedIn: ['v3.3.0'] } },
  ];
  const validity = [
    { clientId: CLIENT, idTokenMinutes: 60 },
    { clientId: `${CLIENT}2`, idTokenMinutes: 480 },
  ];
  return [
    fixMessage(fix, status(false), 'v3.3.14', { idTokenValidity: validity, prerequisites, messages }),
    fixMessage(fix, status(null), null, { idTokenValidity: validity.slice(0, 1), prerequisites, messages }),
    fixMessage(fix, status(false), 'v3.3.14', {
      update: { newLines: ['v3.3.15'], deployedChange: null, answerChanged: true },
      messages,
    }),
    fixMessage(fix, status(true), 'v3.4.6', {
      update: { newLines: [], deployedChange: { from: null, to: 'v3.4.6' }, answerChanged: true },
      messages,
    }),
  ].flatMap((message) => [message.text, readableText(message.blocks)]);
}

function reportRenderings(locale: Locale): string[] {
  const period = lastCompletePeriod(END, 'week', 'Asia/Tokyo');
  const messages = messagesFor(locale, 'Asia/Tokyo');
  const report = buildPeriodicReport({
    userPoolId: POOL,
    period,
    clients: cases.slice(0, 2).map(({ events, client }, index) => ({
      clientId: `${CLIENT}${index}`,
      events: events.map((item) => ({ ...item, at: item.at - 2 * 24 * HOUR, clientId: `${CLIENT}${index}` })),
      client,
      cognito: { current: null, previous: null },
      stretchedSince: END - 30 * 24 * HOUR,
    })),
    upstream: upstream('v3.3.14', false),
    heavyReLogins: 3,
    minutesPerReLogin: 0.5,
    proposedValidityHours: 8,
    sessionHours: 24,
    messages,
  });
  const presentation = { label: userLabeler({ mode: 'username' }), topUsers: 1, messages };
  const slack = reportMessage(report, presentation);
  return [
    slack.text,
    readableText(slack.blocks),
    reportMarkdown(report, presentation, 'relogins.png'),
    reportMarkdown(report, presentation, null),
    reportHtml(report, presentation, null),
  ];
}

describe('Messages and the report in both languages', () => {
  it('should render every message kind and the report in Japanese with no English sentence', () => {
    const found = [
      ...slackRenderings('ja'),
      ...coverageRenderings('ja'),
      ...upstreamRenderings('ja'),
      ...reportRenderings('ja'),
    ].flatMap((text) => englishRuns(text));
    expect(found).toEqual([]);
  });

  it('should render them in English with the English words the detector would catch', () => {
    // The detector works: the English renderings are full of what it looks for.
    const found = [
      ...slackRenderings('en'),
      ...coverageRenderings('en'),
      ...upstreamRenderings('en'),
      ...reportRenderings('en'),
    ].flatMap((text) => englishRuns(text));
    expect(found.length).toBeGreaterThan(100);
  });

  it('should say in Japanese what the English says: every advice kind appears in both', () => {
    const english = slackRenderings('en').join('\n');
    const japanese = slackRenderings('ja').join('\n');
    for (const [id, title] of Object.entries(CATALOGS.en.advice.titles)) {
      expect(english, id).toContain(title);
      expect(japanese, id).toContain(CATALOGS.ja.advice.titles[id as keyof typeof CATALOGS.ja.advice.titles]);
    }
  });

  it('should have the same keys in both catalogs, none of them empty', () => {
    const keys = (value: unknown, path: string): string[] => {
      if (typeof value === 'string') {
        expect(value.trim(), path).not.toBe('');
        return [path];
      }
      if (typeof value === 'function') return [path];
      return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
        keys(inner, `${path}.${key}`),
      );
    };
    const { fixTitles: _enFixes, fixAdvice: _enAdvice, ...en } = CATALOGS.en;
    const { fixTitles: jaFixes, fixAdvice: jaAdvice, ...ja } = CATALOGS.ja;
    expect(keys(ja, 'ja').map((key) => key.slice(3))).toEqual(keys(en, 'en').map((key) => key.slice(3)));
    // The shipped catalog's fixes have their title and advice in Japanese.
    for (const entry of SHIPPED_CATALOG) {
      expect(jaFixes[entry.id], entry.id).toBeTruthy();
      if (entry.advice !== undefined) expect(jaAdvice[entry.id], entry.id).toBeTruthy();
    }
  });
});
