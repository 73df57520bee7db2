export { handleChainedTrigger } from './chained-trigger';
export { MAX_TRIGGER_BUDGET_MS, readChainedFunctionArn, readTriggerBudgetMs } from './config';
export type { AuthSignal, IgnoreReason, SignalKind } from './domain/auth-signal';
export { classifyAuthEvent, InvalidAuthEventError } from './domain/auth-signal';
export {
  readUnrecordedLine,
  UNRECORDED_FIELD,
  UNRECORDED_MESSAGE,
  UnrecordedSignInError,
} from './domain/unrecorded-sign-in';
export type {
  AuthTriggerDeps,
  AuthTriggerStartup,
  AuthTriggerTelemetry,
  KeptAttributes,
} from './handle-auth-trigger';
export { handleAuthTrigger, toLoggedSignIn } from './handle-auth-trigger';
export type { ChainedFunction } from './ports/chained-function';
export type { CallOptions, LoggedSignIn, SignInLog } from './ports/sign-in-log';
