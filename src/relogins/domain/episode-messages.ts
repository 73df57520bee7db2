/**
 * The follow-ups of a heavy re-login alert: the recovery (before/after figures, and what the figures
 * say about why) and the weekly stop-gap reminder. Pure, like the alert message.
 */

import type { TokenValidity } from '../../app-clients';
import {
  type BlockKitMessage,
  context,
  DIVIDER,
  fallbackText,
  fieldsSection,
  header,
  mrkdwn,
  section,
} from '../../notifications';
import type { Messages } from '../../shared/i18n';
import { round } from '../../shared/stats';
import { isStretched } from './advice';
import { adviceChangeLines } from './follow-up-message';
import {
  adviceContent,
  alertMessages,
  clientScope,
  metricsContext,
  withDocuments,
} from './relogin-alert-message';
import type { ReLoginAssessment } from './relogin-assessment';
import { type EpisodeFigures, type OpenEpisode, refreshesSeen, type StopGapRecord } from './relogin-episode';

export interface FollowUpPresentation {
  metricsUrl: string;
  /** The message's locale and time zone; English in UTC when left out. */
  messages?: Messages;
}

/** The check's figures for this window, in the shape the ledger keeps for the last alert. */
export function episodeFigures(assessment: ReLoginAssessment): EpisodeFigures {
  return {
    activeUsers: assessment.totals.activeUsers,
    heavyUsers: assessment.heavyUsers.length,
    reLoginsPerActiveUser: round(assessment.reLoginsPerActiveUser, 2),
    triggerRefreshes: assessment.totals.refreshes,
    cognitoRefreshes: assessment.cognito?.tokenRefreshSuccesses ?? null,
  };
}

/** "12 days 3 h", "5 hours": how long, from epoch ms, to the hour. */
function elapsed(fromMs: number, toMs: number, m: Messages): string {
  const hours = Math.max(0, Math.floor((toMs - fromMs) / 3_600_000));
  return m.text.episode.elapsed(Math.floor(hours / 24), hours % 24);
}

function cognitoCount(value: number | null, m: Messages): string {
  return value === null ? m.text.episode.unknown : String(value);
}

function beforeAfterFields(before: EpisodeFigures, after: EpisodeFigures, windowHours: number, m: Messages) {
  const words = m.text.episode;
  const row = (label: string, from: string | number, to: string | number) =>
    mrkdwn(`*${label}*\n${from} → ${to}`);
  return [
    row(words.reLoginsPerActiveUser(windowHours), before.reLoginsPerActiveUser, after.reLoginsPerActiveUser),
    row(words.heavyUsers, before.heavyUsers, after.heavyUsers),
    row(words.triggerRefreshes, before.triggerRefreshes, after.triggerRefreshes),
    row(
      words.cognitoRefreshes,
      cognitoCount(before.cognitoRefreshes, m),
      cognitoCount(after.cognitoRefreshes, m),
    ),
  ];
}

function validityText(validity: TokenValidity, m: Messages): string {
  return m.text.episode.validity(
    m.format.minutes(validity.idTokenMinutes),
    m.format.minutes(validity.accessTokenMinutes),
  );
}

/**
 * How long the stop-gap has been in place, from the ledger: "at least" because the check saw it first
 * at `firstSeenAt` and cannot know when it was set before that.
 */
function inPlaceFor(stopGap: StopGapRecord, now: number, m: Messages): string {
  return m.text.episode.inPlaceFor(
    elapsed(stopGap.firstSeenAt, now, m),
    m.format.dateTime(stopGap.firstSeenAt),
  );
}

/**
 * The stretched validity once Argo CD refreshes: how long, why it matters, and (unless the report's
 * own `revert-token-validity` advice follows) what to set, with the order rule (docs/argocd-and-cognito.md#access-token-validity-above-id-token-validity).
 */
function undoStopGap(assessment: ReLoginAssessment, stopGap: StopGapRecord, m: Messages): string {
  const validity = assessment.tokenValidity;
  const howTo = assessment.advice.some((item) => item.id === 'revert-token-validity')
    ? ''
    : m.text.episode.undoHowTo;
  return (
    m.text.episode.securityDebt(
      validity === null ? null : validityText(validity, m),
      inPlaceFor(stopGap, assessment.windowEnd, m),
    ) + howTo
  );
}

/** Why the re-logins stopped, as far as the figures can tell. */
function verdict(
  assessment: ReLoginAssessment,
  after: EpisodeFigures,
  stopGap: StopGapRecord | null,
  m: Messages,
): string {
  const words = m.text.episode;
  const stretched = isStretched(assessment.tokenValidity);
  if (refreshesSeen(after)) {
    if (stopGap !== null) return `${words.refreshing}\n${undoStopGap(assessment, stopGap, m)}`;
    return stretched === false ? `${words.refreshing}${words.nothingToUndo}` : words.refreshing;
  }
  if (stretched === true && assessment.tokenValidity !== null) {
    return words.stillStretched(validityText(assessment.tokenValidity, m));
  }
  return words.unexplained;
}

export function recoveryMessage(
  assessment: ReLoginAssessment,
  episode: OpenEpisode,
  stopGap: StopGapRecord | null,
  presentation: FollowUpPresentation,
): BlockKitMessage {
  const m = alertMessages(presentation.messages);
  const words = m.text.episode;
  const after = episodeFigures(assessment);
  const headline = words.recoveredHeadline;
  const lastHeavy = words.recoveredLastHeavy({
    heavyReLogins: assessment.heavyReLogins,
    windowHours: assessment.windowHours,
    scope: clientScope(assessment, m),
    lastHeavyAt: m.format.dateTime(episode.lastHeavyAt),
  });
  const span = words.recoveredSpan({
    startedAt: m.format.dateTime(episode.startedAt),
    lastAlertAt: m.format.dateTime(episode.lastAlert.alertedAt),
    windowHours: assessment.windowHours,
    windowEnd: m.format.dateTime(assessment.windowEnd),
  });
  const advice = assessment.advice.length === 0 ? null : adviceContent(assessment.advice, m);
  return withDocuments(
    {
      text: fallbackText(
        words.recoveredFallback({
          windowHours: assessment.windowHours,
          clientId: assessment.clientId,
          before: String(episode.figuresAtLastAlert.reLoginsPerActiveUser),
          after: String(after.reLoginsPerActiveUser),
        }),
      ),
      blocks: [
        header(headline),
        section(`${lastHeavy}\n${span}`),
        fieldsSection(beforeAfterFields(episode.figuresAtLastAlert, after, assessment.windowHours, m)),
        section(verdict(assessment, after, stopGap, m)),
        ...(advice === null ? [] : [DIVIDER, ...advice.blocks]),
        metricsContext(presentation.metricsUrl, m),
      ],
    },
    advice,
  );
}

export function stopGapReminderMessage(
  assessment: ReLoginAssessment,
  stopGap: StopGapRecord,
  presentation: FollowUpPresentation,
): BlockKitMessage {
  const m = alertMessages(presentation.messages);
  const words = m.text.episode;
  const headline = words.stopGapHeadline;
  const figures = episodeFigures(assessment);
  const seen = words.stopGapSeen({
    windowHours: assessment.windowHours,
    triggerRefreshes: figures.triggerRefreshes,
    cognitoRefreshes: cognitoCount(figures.cognitoRefreshes, m),
  });
  // A short reminder: the whole advice again only when it changed since the last reminder (or is unknown).
  const { lines: adviceLines, repeatAdvice } = adviceChangeLines(
    assessment.advice,
    stopGap.lastReminderAt === null ? null : (stopGap.adviceAtLastReminder ?? null),
    words.stopGapAdviceSame(m.format.dateTime(stopGap.lastReminderAt ?? assessment.windowEnd)),
    m,
  );
  const advice = repeatAdvice ? adviceContent(assessment.advice, m) : null;
  return withDocuments(
    {
      text: fallbackText(
        words.stopGapFallback({
          headline,
          clientId: assessment.clientId,
          inPlaceFor: inPlaceFor(stopGap, assessment.windowEnd, m),
        }),
      ),
      blocks: [
        header(headline),
        section(
          [
            `${clientScope(assessment, m)}: ${seen}`,
            undoStopGap(assessment, stopGap, m),
            ...adviceLines,
          ].join('\n'),
        ),
        ...(advice?.blocks ?? []),
        context(words.stopGapContext(presentation.metricsUrl)),
      ],
    },
    advice,
  );
}
