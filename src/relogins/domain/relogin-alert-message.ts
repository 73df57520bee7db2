/**
 * The Slack (Block Kit) alert for heavy re-logins. Pure: the same report always gives the same message,
 * so tests assert its content directly.
 */

import { type BlockKitMessage, escapeMrkdwn } from '../../notifications';
import { formatMinutes } from '../../shared/durations';
import { round } from '../../shared/stats';
import { plural } from '../../shared/wording';
import type { AdviceItem } from './advice';
import { adviceDocuments } from './advice/documents';
import { ADVICE_TITLES, SEVERITY_ICONS } from './advice/headings';
import type { ReLoginAssessment } from './relogin-assessment';
import type { UserLabeler } from './report-identity';

export interface AlertPresentation {
  label: UserLabeler;
  metricsUrl: string;
  /** Heavy users at the previous alert, when this one comes early because it got worse. */
  worsenedFrom: number | null;
}

/** Heavy users listed by name; the rest are counted. */
const MAX_LISTED_USERS = 10;

function minutes(value: number | null): string {
  return value === null ? '–' : `${round(value, 0)} min`;
}

export function utc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function mrkdwn(text: string) {
  return { type: 'mrkdwn', text };
}

/** Slack's limit for a section's text. */
const MAX_SECTION_TEXT = 3000;

/** The item's text, then each document as a code block (too long for Slack: where to get it instead). */
function adviceBlocks(item: AdviceItem) {
  const documents = adviceDocuments(item).map(({ title, content }) => {
    const code = `*${escapeMrkdwn(title)}*\n\`\`\`\n${escapeMrkdwn(content)}\n\`\`\``;
    return code.length <= MAX_SECTION_TEXT
      ? code
      : `*${escapeMrkdwn(title)}*\nToo long for Slack: \`relogin-monitor analyze --client-config <the client's describe-user-pool-client answer>\` prints it.`;
  });
  return [
    {
      type: 'section',
      text: mrkdwn(`${SEVERITY_ICONS[item.severity]} *${ADVICE_TITLES[item.id]}*\n${item.text}`),
    },
    ...documents.map((text) => ({ type: 'section', text: mrkdwn(text) })),
  ];
}

function figureFields(assessment: ReLoginAssessment) {
  const { totals, cognito, tokenValidity } = assessment;
  const validity =
    tokenValidity === null
      ? 'unknown'
      : `ID ${formatMinutes(tokenValidity.idTokenMinutes)} · access ${formatMinutes(tokenValidity.accessTokenMinutes)} · refresh ${formatMinutes(tokenValidity.refreshTokenMinutes)}`;
  const cognitoFigures =
    cognito === null
      ? 'Cognito: unknown'
      : `Cognito: ${cognito.tokenRefreshSuccesses} refreshes, ${cognito.signInSuccesses} sign-ins`;
  return [
    mrkdwn(`*Active users*\n${totals.activeUsers}`),
    mrkdwn(`*Re-logins*\n${totals.reLogins} of ${totals.logins} logins`),
    mrkdwn(
      `*Re-login interval*\np50 ${minutes(assessment.reLoginIntervalP50Minutes)} · p90 ${minutes(assessment.reLoginIntervalP90Minutes)}`,
    ),
    mrkdwn(`*Time lost (estimate)*\n${round(assessment.estimatedMinutesLost, 1)} min`),
    mrkdwn(`*Token refreshes*\nseen by the trigger: ${totals.refreshes}\n${cognitoFigures}`),
    mrkdwn(`*App client token validity*\n${validity}`),
  ];
}

function heavyUserList(assessment: ReLoginAssessment, label: UserLabeler): string {
  const listed = assessment.heavyUsers.slice(0, MAX_LISTED_USERS).map((user) => {
    const interval =
      user.medianReLoginIntervalMinutes === null
        ? ''
        : `, median every ${round(user.medianReLoginIntervalMinutes, 0)} min`;
    return `• ${escapeMrkdwn(label(user))}: ${plural(user.reLogins, 're-login')}${interval}`;
  });
  const hidden = assessment.heavyUsers.length - listed.length;
  return [
    `*Heavy users* (${assessment.heavyReLogins} or more re-logins in ${assessment.windowHours} h)`,
    ...listed,
    ...(hidden > 0 ? [`…and ${hidden} more`] : []),
  ].join('\n');
}

/** One section per advice item, as in the alert; shared with the recovery and stop-gap messages. */
export function adviceSections(advice: readonly AdviceItem[]) {
  return advice.flatMap(adviceBlocks);
}

/** "Argo CD app client `…` (user pool `…`)", escaped. */
export function clientScope(assessment: Pick<ReLoginAssessment, 'clientId' | 'userPoolId'>): string {
  return `Argo CD app client \`${escapeMrkdwn(assessment.clientId)}\` (user pool \`${escapeMrkdwn(assessment.userPoolId)}\`)`;
}

/** The closing context line: the metrics link and the sender. */
export function metricsContext(metricsUrl: string) {
  return {
    type: 'context',
    elements: [mrkdwn(`<${metricsUrl}|Open the metrics in CloudWatch> · argocd-relogin-monitor`)],
  };
}

export function reLoginAlertMessage(
  assessment: ReLoginAssessment,
  presentation: AlertPresentation,
): BlockKitMessage {
  const heavy = assessment.heavyUsers.length;
  const headline = `Argo CD re-logins: ${plural(heavy, 'heavy user')}`;
  const scope = clientScope(assessment);
  const worse =
    presentation.worsenedFrom === null
      ? ''
      : `\n:chart_with_upwards_trend: Worse since the last alert: ${presentation.worsenedFrom} → ${heavy} heavy users.`;
  return {
    text: `${headline}; ${assessment.totals.reLogins} re-logins among ${plural(assessment.totals.activeUsers, 'active user')} in the last ${assessment.windowHours} h (client ${assessment.clientId}).`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline } },
      {
        type: 'section',
        text: mrkdwn(
          `Users of ${scope} were sent back to the login page *${plural(assessment.totals.reLogins, 'time')}* in the ${assessment.windowHours} h up to ${utc(assessment.windowEnd)}.${worse}`,
        ),
      },
      { type: 'section', fields: figureFields(assessment) },
      { type: 'section', text: mrkdwn(heavyUserList(assessment, presentation.label)) },
      { type: 'divider' },
      ...adviceSections(assessment.advice),
      metricsContext(presentation.metricsUrl),
    ],
  };
}
