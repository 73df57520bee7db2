/**
 * The re-login check's Slack decision for one client, as pure functions: the ledger key, the episode
 * step (what to record, what to announce) from the report and the recorded state, and the chat message
 * for what is announced. The use case (`relogin-check.ts`) only reads, posts and records.
 */
import type { ChatMessage } from '../../notifications';
import { isStretched } from './advice';
import { dashboardConsoleUrl, metricsConsoleUrl } from './console-links';
import { episodeFigures, recoveryMessage, stopGapReminderMessage } from './episode-messages';
import { reLoginAlertMessage } from './relogin-alert-message';
import {
  type EpisodeMessage,
  nextEpisodeStep,
  type ReLoginLedgerState,
  readLedgerState,
  type StopGapReminder,
  threadOf,
} from './relogin-episode';
import type { ReLoginReport } from './relogin-report';
import { type ReportIdentity, userLabeler } from './report-identity';

/** The settings (ReLoginCheckSettings) the episode's decision and messages depend on. */
export interface EpisodeSettings {
  cooldownHours: number;
  stopGapReminder: StopGapReminder;
  region: string;
  namespace: string;
  dashboardName?: string;
  identity: ReportIdentity;
}

export function alertKey(userPoolId: string, clientId: string): string {
  return `relogin-alert#heavy-relogins#${userPoolId}#${clientId}`;
}

/** The state to record and the message to announce (null: record only); null when nothing changed. */
export function episodeDecision(
  report: ReLoginReport,
  settings: EpisodeSettings,
  now: number,
  recorded: unknown,
): { state: ReLoginLedgerState; announce: EpisodeMessage | null } | null {
  const step = nextEpisodeStep(
    recorded === null ? null : readLedgerState(recorded),
    {
      at: now,
      figures: episodeFigures(report),
      stretched: isStretched(report.tokenValidity),
      activityHours: report.activityHours,
    },
    {
      cooldownHours: settings.cooldownHours,
      windowHours: report.windowHours,
      stopGapReminders: settings.stopGapReminder === 'message',
    },
  );
  return step === null ? null : { state: step.state, announce: step.message };
}

/** The chat message announcing `message`, in the episode's thread unless it opens one. */
export function episodeChatMessage(
  settings: EpisodeSettings,
  report: ReLoginReport,
  message: EpisodeMessage,
  recorded: unknown,
): ChatMessage {
  const metricsUrl =
    settings.dashboardName === undefined
      ? metricsConsoleUrl(settings.region, settings.namespace, report.clientId)
      : dashboardConsoleUrl(settings.region, settings.dashboardName);
  const thread = threadOf(message, recorded === null ? null : readLedgerState(recorded));
  const body =
    message.kind === 'recovery'
      ? recoveryMessage(report, message.episode, message.stopGap, { metricsUrl })
      : message.kind === 'stop-gap-reminder'
        ? stopGapReminderMessage(report, message.stopGap, { metricsUrl })
        : reLoginAlertMessage(report, {
            label: userLabeler(settings.identity),
            metricsUrl,
            worsenedFrom: message.kind === 'follow-up' ? message.worsenedFrom : null,
          });
  return thread === undefined ? body : { ...body, thread };
}

/** How each message is named in the log. */
export const LOGGED_AS: Readonly<Record<EpisodeMessage['kind'], string>> = {
  alert: 'heavy re-login alert',
  'follow-up': 'heavy re-login follow-up',
  recovery: 'heavy re-login recovery',
  'stop-gap-reminder': 'stop-gap reminder',
};
