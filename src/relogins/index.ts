export {
  CATCH_UP_BUDGET_MS,
  CHECKPOINT_LAG_MS,
  type CheckpointedReplayDeps,
  checkpointedReplay,
  type ReplayOutcome,
} from './checkpointed-replay';
export {
  readMinutesPerReLogin,
  readProposedValidityHours,
  readReLoginCheckSettings,
  readReportIdentity,
  readReportIdentityMode,
  readTrackingSettings,
} from './config';
export type { ActivityEvent } from './domain/activity';
export { activityFor, isLogin } from './domain/activity';
export type { ActivitySummary, HeavyUserRule, UserSummary } from './domain/activity-summary';
export { ActivitySummaryBuilder, HEAVY_WINDOW_HOURS, summariseActivity } from './domain/activity-summary';
export type { AdviceItem } from './domain/advice';
export { advise, isStretched, MAX_TOKEN_VALIDITY_HOURS } from './domain/advice';
export { adviceDocuments } from './domain/advice/documents';
export { ADVICE_TITLES, SEVERITY_ICONS } from './domain/advice/headings';
export type { CognitoUsage } from './domain/relogin-assessment';
export { replaySignIns } from './domain/replay';
export type { ReportIdentity, UserLabeler } from './domain/report-identity';
export { attributesShown, userLabeler } from './domain/report-identity';
export {
  replayFromCheckpoint,
  SESSION_CHECKPOINT_SCHEMA,
  type SessionCheckpoint,
} from './domain/session-checkpoint';
export type { ActivityKind, SessionRules, SignalOutcome, UserSessionState } from './domain/session-rules';
export { applySignal, DEFAULT_SESSION_RULES, EMPTY_SESSION_STATE } from './domain/session-rules';
export type { CognitoUsageReader } from './ports/cognito-usage';
export type { SessionCheckpointStore } from './ports/session-checkpoints';
export type { UserPoolDirectory } from './ports/user-pool-directory';
export type { ClientCheckResult, ReLoginCheckDeps } from './relogin-check';
export { runReLoginCheck, stretchedSince } from './relogin-check';
