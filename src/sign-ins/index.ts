export { MAX_TRIGGER_BUDGET_MS, readTriggerBudgetMs } from './config';
export type { AuthSignal, SignalKind } from './domain/auth-signal';
export { classifyAuthEvent, InvalidAuthEventError } from './domain/auth-signal';
export type { AuthTriggerDeps, AuthTriggerStartup, AuthTriggerTelemetry } from './handle-auth-trigger';
export { handleAuthTrigger } from './handle-auth-trigger';
export type {
  ActivityStore,
  CallOptions,
  ClientScope,
  StoredUserState,
  UserKey,
} from './ports/activity-store';
export { StaleStateError } from './ports/activity-store';
export { recordAuthSignal } from './record-auth-signal';
