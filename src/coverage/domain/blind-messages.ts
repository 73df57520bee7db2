/**
 * The `monitor-blind` alert and its `monitor-restored` reply: what the monitor could not see, why, and
 * what to do. They never say there were no re-logins or that refresh works: for blind hours the monitor
 * does not know. Pure.
 */
import type { BlockKitMessage } from '../../notifications';
import { context, fallbackText, mrkdwnCode, mrkdwnText, section } from '../../notifications';
import type { BlindMessage } from './blind-episode';
import type { Counts, Finding } from './self-check';

export interface BlindPresentation {
  userPoolId: string;
  clientId: string;
  /** Where the coverage metric and the dashboard are. */
  metricsUrl: string;
  windowHours: number;
}

function minute(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function counts(label: string, recorded: Counts, cognito: Counts): string {
  return `${label}: sign-ins ${recorded.signIns} recorded / ${cognito.signIns} counted by Cognito, refreshes ${recorded.refreshes} / ${cognito.refreshes}`;
}

/** Cause and fix of each finding, for an on-call engineer who did not build the monitor. */
function explanation(finding: Finding, windowHours: number): { cause: string; fix: string } {
  switch (finding.cause) {
    case 'detached':
      return {
        cause: `Our trigger is no longer attached: ${mrkdwnText(finding.reason)}. A Terraform or CloudFormation apply of the pool reverts a trigger attached outside it.`,
        fix: 'Attach it again (redeploy the monitor, or `relogin-monitor doctor` for the exact step) and add it to the pool’s own definition (Terraform `lambda_config`) so the next apply keeps it.',
      };
    case 'misclassifying':
      return {
        cause: `${counts(`Last ${windowHours} h`, finding.recorded, finding.cognito)}. Refreshes reach the trigger as \`TokenGeneration_Authentication\` (AWS documents that source as "authentication or token refresh"), so they are counted as sign-ins.`,
        fix: 'Nothing to change in Argo CD. Until this clears, re-logins are not reported: the re-login count is unreliable. Read refresh use from Cognito’s `TokenRefreshSuccesses` on the dashboard; see docs/monitoring-coverage.md.',
      };
    default:
      return {
        cause: `${counts(`Last ${windowHours} h`, finding.recorded, finding.cognito)}. The trigger is failing to record (RecordFailures, Lambda Errors), or users sign in through an app client the trigger does not track.`,
        fix: 'Check the record-failures and trigger-errors alarms and the trigger’s logs; failed writes are re-imported by the hourly run. Check ARGOCD_CLIENT_IDS against the client Argo CD uses (`/api/v1/settings`).',
      };
  }
}

const CAUSE_TITLES = {
  detached: 'trigger detached',
  undercounting: 'recording short of Cognito’s count',
  misclassifying: 'refreshes arriving as sign-ins',
} as const;

export function blindMessage(message: BlindMessage, presentation: BlindPresentation): BlockKitMessage {
  const scope = `user pool ${mrkdwnCode(presentation.userPoolId)}, app client ${mrkdwnCode(presentation.clientId)}`;
  const link = `<${presentation.metricsUrl}|Recording coverage>`;
  if (message.kind === 'monitor-blind') {
    const { cause, fix } = explanation(message.finding, presentation.windowHours);
    const title = `Argo CD re-login monitor blind: ${CAUSE_TITLES[message.finding.cause]}`;
    const text = `${title} (${scope}) since ${minute(message.since)}. Re-login figures, alerts and reports do not cover these hours.`;
    return {
      text: fallbackText(text),
      blocks: [
        section(`*${title}*\n${scope}, since ${minute(message.since)}`),
        section(
          'Re-login figures, alerts and reports do not cover these hours: a quiet figure here does not mean fewer re-logins.',
        ),
        section(`*Cause*\n${cause}`),
        section(`*Fix*\n${fix}`),
        context(link),
      ],
    };
  }
  const { span, coveragePercent } = message;
  const seen =
    coveragePercent === null ? '' : ` (${coveragePercent} % of Cognito’s count recorded over the window)`;
  const text = `Argo CD re-login monitor sees again (${scope})${seen}. Not seen: ${minute(span.from)} to ${minute(span.to)} (${CAUSE_TITLES[span.cause]}).`;
  return {
    text: fallbackText(text),
    blocks: [
      section(`*Argo CD re-login monitor sees again*\n${scope}${seen}`),
      section(
        `Not seen: ${minute(span.from)} to ${minute(span.to)} (${CAUSE_TITLES[span.cause]}). The figures for those hours are incomplete and the weekly report marks them.`,
      ),
      context(link),
    ],
  };
}
