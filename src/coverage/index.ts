export { readCoverageSettings } from './config';
export {
  ATTACH_MODES,
  type AttachMode,
  type Attachment,
  checkAttachment,
  type ExpectedAttachment,
  type TriggerSlots,
} from './domain/attachment';
export {
  BLIND_EPISODE_SCHEMA,
  type BlindEpisodeState,
  type BlindSpan,
  blindEpisodeKey,
  blindSpansIn,
  readBlindEpisodeState,
} from './domain/blind-episode';
export {
  type CoveragePolicy,
  DEFAULT_COVERAGE_POLICY,
  type Finding,
  type FindingCause,
  type SelfCheckResult,
  selfCheck,
  selfCheckWindow,
} from './domain/self-check';
export type { RecoveredSignInsReader } from './ports/recovered-sign-ins';
export type { RecoveryLog, UnrecordedSignInSource } from './ports/unrecorded-sign-ins';
export type { ClientCounters, HourlySeries, UsageCounters, UserPoolTriggers } from './ports/usage-counters';
export {
  RECOVERY_HOLD_MS,
  RECOVERY_LOOKBACK_MS,
  type RecoveryDeps,
  type RecoveryOutcome,
  recoverUnrecordedSignIns,
  recoveryMetrics,
} from './recover-sign-ins';
export {
  assessCoverage,
  BLIND_REASONS,
  type BlindOutcome,
  type BlindReason,
  blindSpansBetween,
  type ClientCoverage,
  type CoverageDeps,
  type CoverageInputs,
  type CoverageSettings,
  cognitoUsageBetween,
  coverageMetrics,
  gatherCoverageInputs,
  monitorBlindData,
  notifyBlindIfDue,
} from './self-check-run';
