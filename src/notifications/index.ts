export type { ChatSettings } from './config';
export { readChatSettings } from './config';
export type {
  BlockKitMessage,
  KnownBlock,
  MessageDocuments,
  MrkdwnElement,
  SnippetFile,
} from './domain/block-kit';
export {
  context,
  DIVIDER,
  escapeMrkdwn,
  fallbackText,
  fieldsSection,
  header,
  mrkdwn,
  mrkdwnCode,
  mrkdwnCodeBlock,
  mrkdwnText,
  section,
} from './domain/block-kit';
export type {
  DecisionRequest,
  DecisionResult,
  DocumentsOutcome,
  NotificationDeps,
  NotifyingJobDeps,
  NotifyOnceDeps,
  NotifyOutcome,
} from './notify-once';
export {
  alertFailure,
  notifyAndReport,
  notifyDecisionReportingFailures,
  notifyReportingFailures,
  publishThenNotify,
} from './notify-once';
export type {
  ChatFile,
  ChatMessage,
  ChatMessageKind,
  ChatPoster,
  ChatThread,
  LoggedMessage,
  PostedMessage,
  PostOptions,
} from './ports/chat';
export { ChatConfigurationError } from './ports/chat';
export type { Lease, LedgerEntry, NotificationLedger } from './ports/notification-ledger';
export { LeaseLostError } from './ports/notification-ledger';
