export {
  readMinutesPerReLogin,
  readProposedValidityHours,
  readReLoginCheckSettings,
  readReportIdentity,
  readTrackingSettings,
} from './config';
export type { ActivityEvent } from './domain/activity';
export { activityFor, isLogin } from './domain/activity';
export type { ActivitySummary, HeavyUserRule, UserSummary } from './domain/activity-summary';
export { HEAVY_WINDOW_HOURS, summariseActivity } from './domain/activity-summary';
export type { AdviceItem } from './domain/advice';
export { advise, MAX_TOKEN_VALIDITY_HOURS } from './domain/advice';
export { ADVICE_TITLES, SEVERITY_ICONS } from './domain/advice-headings';
export type { CognitoUsage } from './domain/relogin-report';
export type { TimedSignal } from './domain/replay';
export { replaySignals } from './domain/replay';
export type { ReportIdentity, UserLabeler } from './domain/report-identity';
export { userLabeler } from './domain/report-identity';
export type { ActivityKind, SessionRules, SignalOutcome, UserSessionState } from './domain/session-rules';
export { applySignal, DEFAULT_SESSION_RULES, EMPTY_SESSION_STATE } from './domain/session-rules';
export type { CognitoUsageReader } from './ports/cognito-usage';
export type { ClientCheckResult, ReLoginCheckDeps } from './relogin-check';
export { runReLoginCheck } from './relogin-check';
