/**
 * The `monitor-blind` alert and its `monitor-restored` reply: what the monitor could not see, why, and
 * what to do. They never say there were no re-logins or that refresh works: for blind hours the monitor
 * does not know. Pure.
 */
import type { BlockKitMessage } from '../../notifications';
import { context, fallbackText, mrkdwnCode, mrkdwnText, section } from '../../notifications';
import { type Messages, messagesFor } from '../../shared/i18n';
import type { Detachment } from './attachment';
import type { BlindMessage } from './blind-episode';
import type { Counts, Finding } from './self-check';

export interface BlindPresentation {
  userPoolId: string;
  clientId: string;
  /** Where the coverage metric and the dashboard are. */
  metricsUrl: string;
  windowHours: number;
  /** LOCALE and REPORT_TIMEZONE; English in UTC when absent. */
  messages?: Messages;
}

function counts(m: Messages, windowHours: number, recorded: Counts, cognito: Counts): string {
  return m.text.coverage.counts({
    windowHours,
    signIns: recorded.signIns,
    cognitoSignIns: cognito.signIns,
    refreshes: recorded.refreshes,
    cognitoRefreshes: cognito.refreshes,
  });
}

/** "`arn` is in none of the slots attach mode `auto` expects (Pre token generation: empty; …)", escaped. */
function detachedReason(m: Messages, { functionArn, mode, slots }: Detachment): string {
  const words = m.text.coverage;
  const occupants = slots.map(({ slot, occupant }) =>
    words.slotOccupant(words.slotNames[slot], occupant === null ? null : mrkdwnCode(occupant)),
  );
  return words.detachedReason(mrkdwnCode(functionArn), mrkdwnCode(mode), occupants);
}

/** Cause and fix of each finding, for an on-call engineer who did not build the monitor. */
function explanation(m: Messages, finding: Finding, windowHours: number): { cause: string; fix: string } {
  const words = m.text.coverage;
  switch (finding.cause) {
    case 'detached':
      return { cause: words.detachedCause(detachedReason(m, finding.detachment)), fix: words.detachedFix };
    case 'misclassifying':
      return {
        cause: words.misclassifyingCause(counts(m, windowHours, finding.recorded, finding.cognito)),
        fix: words.misclassifyingFix,
      };
    default:
      return {
        cause: words.undercountingCause(counts(m, windowHours, finding.recorded, finding.cognito)),
        fix: words.undercountingFix,
      };
  }
}

export function blindMessage(message: BlindMessage, presentation: BlindPresentation): BlockKitMessage {
  const m = presentation.messages ?? messagesFor('en', 'UTC');
  const words = m.text.coverage;
  const scope = words.scope(mrkdwnCode(presentation.userPoolId), mrkdwnCode(presentation.clientId));
  const link = `<${presentation.metricsUrl}|${words.coverageLink}>`;
  if (message.kind === 'monitor-blind') {
    const { cause, fix } = explanation(m, message.finding, presentation.windowHours);
    const title = words.blindTitle(words.causeTitles[message.finding.cause]);
    const since = words.since(m.format.dateTime(message.since));
    return {
      text: fallbackText(`${title} (${scope}) ${since}. ${words.notCoveredShort}`),
      blocks: [
        section(`*${title}*\n${scope}, ${since}`),
        section(words.notCovered),
        section(`*${words.cause}*\n${cause}`),
        section(`*${words.fix}*\n${fix}`),
        context(link),
      ],
    };
  }
  const { span, coveragePercent } = message;
  const seen =
    coveragePercent === null ? '' : ` (${words.coverageSeen(m.format.decimal(coveragePercent, 1))})`;
  const notSeen = words.notSeen(
    m.format.dateTime(span.from),
    m.format.dateTime(span.to),
    words.causeTitles[span.cause],
  );
  return {
    text: fallbackText(`${words.restoredTitle} (${scope})${seen}. ${notSeen}`),
    blocks: [
      section(`*${words.restoredTitle}*\n${scope}${seen}`),
      section(`${notSeen} ${words.notSeenMarked}`),
      context(link),
    ],
  };
}
