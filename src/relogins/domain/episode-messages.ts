/**
 * The follow-ups of a heavy re-login alert: the recovery (before/after figures, and what the figures
 * say about why) and the weekly stop-gap reminder. Pure, like the alert message.
 */

import type { TokenValidity } from '../../app-clients';
import type { BlockKitMessage } from '../../notifications';
import { formatMinutes } from '../../shared/durations';
import { round } from '../../shared/stats';
import { plural } from '../../shared/wording';
import { isStretched } from './advice';
import { adviceSections, clientScope, metricsContext, mrkdwn, utc } from './relogin-alert-message';
import type { ReLoginAssessment } from './relogin-assessment';
import { type EpisodeFigures, type OpenEpisode, refreshesSeen, type StopGapRecord } from './relogin-episode';

export interface FollowUpPresentation {
  metricsUrl: string;
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

/** "12 days 3 h", "5 h": how long, from epoch ms, to the hour. */
function elapsed(fromMs: number, toMs: number): string {
  const hours = Math.max(0, Math.floor((toMs - fromMs) / 3_600_000));
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) return plural(rest, 'hour');
  return rest === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${rest} h`;
}

function cognitoCount(value: number | null): string {
  return value === null ? 'unknown' : String(value);
}

function beforeAfterFields(before: EpisodeFigures, after: EpisodeFigures, windowHours: number) {
  const row = (label: string, from: string | number, to: string | number) =>
    mrkdwn(`*${label}*\n${from} → ${to}`);
  return [
    row(
      `Re-logins per active user (${windowHours} h)`,
      before.reLoginsPerActiveUser,
      after.reLoginsPerActiveUser,
    ),
    row('Heavy users', before.heavyUsers, after.heavyUsers),
    row('Refreshes seen by the trigger', before.triggerRefreshes, after.triggerRefreshes),
    row(
      'Refreshes seen by Cognito',
      cognitoCount(before.cognitoRefreshes),
      cognitoCount(after.cognitoRefreshes),
    ),
  ];
}

function validityText(validity: TokenValidity): string {
  return `ID ${formatMinutes(validity.idTokenMinutes)} / access ${formatMinutes(validity.accessTokenMinutes)}`;
}

/**
 * How long the stop-gap has been in place, from the ledger: "at least" because the check saw it first
 * at `firstSeenAt` and cannot know when it was set before that.
 */
function inPlaceFor(stopGap: StopGapRecord, now: number): string {
  return `for at least ${elapsed(stopGap.firstSeenAt, now)} (first seen by this check ${utc(stopGap.firstSeenAt)})`;
}

/**
 * The stretched validity once Argo CD refreshes: how long, why it matters, and (unless the report's
 * own `revert-token-validity` advice follows) what to set, with the order rule (docs/argocd-and-cognito.md#access-token-validity-above-id-token-validity).
 */
function undoStopGap(assessment: ReLoginAssessment, stopGap: StopGapRecord): string {
  const validity = assessment.tokenValidity;
  const now = validity === null ? '' : ` (${validityText(validity)})`;
  const howTo = assessment.advice.some((item) => item.id === 'revert-token-validity')
    ? ''
    : ' Set IdTokenValidity and AccessTokenValidity back to 1 h, access never above ID (an access token that outlives the ID token by more than `refreshTokenThreshold`, 10 s when unset, breaks the refresh of Argo CD).';
  return (
    `:warning: *Security debt*: the stretched token validity${now} has been in place ${inPlaceFor(stopGap, assessment.windowEnd)}.` +
    ' With refresh working it only keeps a leaked ID or access token valid for longer: undo the stop-gap.' +
    howTo
  );
}

/** Why the re-logins stopped, as far as the figures can tell. */
function verdict(
  assessment: ReLoginAssessment,
  after: EpisodeFigures,
  stopGap: StopGapRecord | null,
): string {
  const stretched = isStretched(assessment.tokenValidity);
  if (refreshesSeen(after)) {
    const refreshing = ':white_check_mark: Argo CD now renews sessions with refresh tokens.';
    if (stopGap !== null) return `${refreshing}\n${undoStopGap(assessment, stopGap)}`;
    return stretched === false
      ? `${refreshing} The token validity is back at 1 h: nothing left to undo.`
      : refreshing;
  }
  if (stretched === true && assessment.tokenValidity !== null) {
    return (
      `No refresh-token use was seen: the stretched token validity (${validityText(assessment.tokenValidity)}) is what keeps users signed in.` +
      ' The fix is still the Argo CD upgrade; then undo the stop-gap.'
    );
  }
  return 'No refresh-token use and no stretched token validity were seen: nothing this check watches explains the change (fewer people using Argo CD?). A new alert follows if users become heavy again.';
}

export function recoveryMessage(
  assessment: ReLoginAssessment,
  episode: OpenEpisode,
  stopGap: StopGapRecord | null,
  presentation: FollowUpPresentation,
): BlockKitMessage {
  const after = episodeFigures(assessment);
  const headline = 'Argo CD re-logins: recovered';
  const lastHeavy = `No user was heavy (${assessment.heavyReLogins} or more re-logins in ${assessment.windowHours} h) on ${clientScope(assessment)} since the check at ${utc(episode.lastHeavyAt)}, a full ${assessment.windowHours} h window.`;
  const span = `The episode began with the alert at ${utc(episode.startedAt)}; the figures below compare the last alert (${utc(episode.lastAlert.alertedAt)}) with the ${assessment.windowHours} h up to ${utc(assessment.windowEnd)}.`;
  return {
    text: `Argo CD re-logins recovered: no heavy user for ${assessment.windowHours} h (client ${assessment.clientId}); re-logins per active user ${episode.figuresAtLastAlert.reLoginsPerActiveUser} → ${after.reLoginsPerActiveUser}.`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline } },
      { type: 'section', text: mrkdwn(`${lastHeavy}\n${span}`) },
      {
        type: 'section',
        fields: beforeAfterFields(episode.figuresAtLastAlert, after, assessment.windowHours),
      },
      { type: 'section', text: mrkdwn(verdict(assessment, after, stopGap)) },
      ...(assessment.advice.length === 0 ? [] : [{ type: 'divider' }, ...adviceSections(assessment.advice)]),
      metricsContext(presentation.metricsUrl),
    ],
  };
}

export function stopGapReminderMessage(
  assessment: ReLoginAssessment,
  stopGap: StopGapRecord,
  presentation: FollowUpPresentation,
): BlockKitMessage {
  const headline = 'Argo CD stop-gap still in place';
  const figures = episodeFigures(assessment);
  const seen = `in the last ${assessment.windowHours} h, ${figures.triggerRefreshes} refreshes seen by the trigger, ${cognitoCount(figures.cognitoRefreshes)} by Cognito, and no heavy user.`;
  return {
    text: `${headline} on client ${assessment.clientId} ${inPlaceFor(stopGap, assessment.windowEnd)}, although Argo CD refreshes tokens: undo it.`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline } },
      {
        type: 'section',
        text: mrkdwn(`${clientScope(assessment)}: ${seen}\n${undoStopGap(assessment, stopGap)}`),
      },
      ...adviceSections(assessment.advice),
      {
        type: 'context',
        elements: [
          mrkdwn(
            `Weekly while refreshes are seen and the ID or access token validity stays above 1 h · STOP_GAP_REMINDER=report moves it into the periodic report, off turns it off · <${presentation.metricsUrl}|Metrics> · argocd-relogin-monitor`,
          ),
        ],
      },
    ],
  };
}
