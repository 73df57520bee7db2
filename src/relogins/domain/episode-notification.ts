/**
 * The re-login check's Slack decision for one client, as pure functions: the ledger key, the episode
 * step (what to record, what to announce) from the report and the recorded state, and the chat message
 * for what is announced. The use case (`relogin-check.ts`) only reads, posts and records.
 */

import type { ChatMessage, ChatMessageKind } from '../../notifications';
import type { Messages } from '../../shared/i18n';
import { isStretched } from './advice';
import { dashboardConsoleUrl, metricsConsoleUrl } from './console-links';
import { episodeFigures, recoveryMessage, stopGapReminderMessage } from './episode-messages';
import { followUpMessage } from './follow-up-message';
import { alertMessages, reLoginAlertMessage } from './relogin-alert-message';
import type { ReLoginAssessment } from './relogin-assessment';
import {
  type EpisodeMessage,
  nextEpisodeStep,
  type ReLoginLedgerState,
  readLedgerState,
  type StopGapReminder,
  threadOf,
} from './relogin-episode';
import { type ReportIdentity, userLabeler } from './report-identity';

/** The settings (ReLoginCheckSettings) the episode's decision and messages depend on. */
export interface EpisodeSettings {
  cooldownHours: number;
  stopGapReminder: StopGapReminder;
  region: string;
  namespace: string;
  dashboardName?: string;
  identity: ReportIdentity;
  /** The language and time zone of the messages; English in UTC when left out. */
  messages?: Messages;
}

export function alertKey(userPoolId: string, clientId: string): string {
  return `relogin-alert#heavy-relogins#${userPoolId}#${clientId}`;
}

/** The state to record and the message to announce (null: record only); null when nothing changed. */
export function episodeDecision(
  assessment: ReLoginAssessment,
  settings: EpisodeSettings,
  now: number,
  recorded: unknown,
): { state: ReLoginLedgerState; announce: EpisodeMessage | null } | null {
  const step = nextEpisodeStep(
    recorded === null ? null : readLedgerState(recorded),
    {
      at: now,
      figures: episodeFigures(assessment),
      stretched: isStretched(assessment.tokenValidity),
      activityHours: assessment.activityHours,
      advice: assessment.advice.map((item) => item.id),
    },
    {
      cooldownHours: settings.cooldownHours,
      windowHours: assessment.windowHours,
      stopGapReminders: settings.stopGapReminder === 'message',
    },
  );
  return step === null ? null : { state: step.state, announce: step.message };
}

/** The chat message announcing `message`, in the episode's thread unless it opens one. */
export function episodeChatMessage(
  settings: EpisodeSettings,
  assessment: ReLoginAssessment,
  message: EpisodeMessage,
  recorded: unknown,
): ChatMessage {
  const metricsUrl =
    settings.dashboardName === undefined
      ? metricsConsoleUrl(settings.region, settings.namespace, assessment.clientId)
      : dashboardConsoleUrl(settings.region, settings.dashboardName);
  const thread = threadOf(message, recorded === null ? null : readLedgerState(recorded));
  const messages = alertMessages(settings.messages);
  const body =
    message.kind === 'recovery'
      ? recoveryMessage(assessment, message.episode, message.stopGap, { metricsUrl, messages })
      : message.kind === 'stop-gap-reminder'
        ? stopGapReminderMessage(assessment, message.stopGap, { metricsUrl, messages })
        : // A follow-up that opens the thread (an episode recorded before threads) is the whole alert.
          message.kind === 'follow-up' && message.previous !== undefined && thread !== undefined
          ? followUpMessage(
              assessment,
              { worsenedFrom: message.worsenedFrom, previous: message.previous },
              { metricsUrl, messages },
            )
          : reLoginAlertMessage(assessment, {
              label: userLabeler(settings.identity),
              metricsUrl,
              messages,
              worsenedFrom: message.kind === 'follow-up' ? message.worsenedFrom : null,
            });
  const kind = CHAT_KIND[message.kind];
  return thread === undefined ? { ...body, kind } : { ...body, kind, thread };
}

const CHAT_KIND: Readonly<Record<EpisodeMessage['kind'], ChatMessageKind>> = {
  alert: 'relogin-alert',
  'follow-up': 'relogin-follow-up',
  recovery: 'relogin-recovery',
  'stop-gap-reminder': 'stop-gap-reminder',
};

/** How each message is named in the log. */
export const LOGGED_AS: Readonly<Record<EpisodeMessage['kind'], string>> = {
  alert: 'heavy re-login alert',
  'follow-up': 'heavy re-login follow-up',
  recovery: 'heavy re-login recovery',
  'stop-gap-reminder': 'stop-gap reminder',
};
