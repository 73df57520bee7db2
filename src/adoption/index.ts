export type {
  AttachMode,
  AttachPlan,
  AttachRequest,
  AttachWords,
  LambdaConfig,
  OriginalSlots,
  PlanDecision,
  TriggerVersion,
} from './domain/attach-plan';
export {
  ATTACH_MODES,
  choosePool,
  originalSlots,
  planAttach,
  planRestore,
  preTokenSlot,
  TRIGGER_VERSIONS,
} from './domain/attach-plan';
export {
  type AttachmentState,
  decodeAttachmentState,
  encodeAttachmentState,
  NOTHING_ATTACHED,
} from './domain/attachment-state';
export {
  type ArgoCdSettings,
  anyFailed,
  argoCdSettingsChecks,
  argoCdVersionCheck,
  type CheckStatus,
  type ClientFacts,
  cliClientCheck,
  clientChecks,
  type DoctorCheck,
  type DoctorWords,
  githubCheck,
  poolChecks,
  type SlackFacts,
  slackChecks,
  unreachable,
} from './domain/doctor-checks';
export { type IacSnippets, iacSnippets } from './domain/iac-snippet';
export {
  type AttachmentOutcome,
  type AttachmentRequest,
  handleAttachmentRequest,
} from './pool-attachment';
export type { PoolSummary, UserPoolAdmin } from './ports/user-pool-admin';
export { describeTargetPool, type PoolTarget, type TargetPool } from './target-pool';
