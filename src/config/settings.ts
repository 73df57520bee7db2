/** Settings shared by the trigger, the scheduled jobs and the CLI, each read and validated once. */
import { DEFAULT_SESSION_RULES, type SessionRules } from '../domain/session-rules';
import { ConfigError, type Env, positiveNumber, requiredString, stringList, stringWithDefault } from './env';

export interface TrackingSettings {
  /** App clients to watch; empty means every client. */
  trackedClientIds: ReadonlySet<string>;
  rules: SessionRules;
  heavyReLogins: number;
}

export function readTrackingSettings(env: Env): TrackingSettings {
  return {
    trackedClientIds: new Set(stringList(env, 'ARGOCD_CLIENT_IDS')),
    rules: {
      dedupeSeconds: positiveNumber(env, 'DEDUPE_SECONDS', DEFAULT_SESSION_RULES.dedupeSeconds),
      sessionHours: positiveNumber(env, 'ARGOCD_SESSION_HOURS', DEFAULT_SESSION_RULES.sessionHours),
    },
    heavyReLogins: positiveNumber(env, 'HEAVY_RELOGINS', 3),
  };
}

export interface TableSettings {
  tableName: string;
  retentionDays: number;
}

export function readTableSettings(env: Env): TableSettings {
  return {
    tableName: requiredString(env, 'TABLE_NAME'),
    retentionDays: positiveNumber(env, 'RETENTION_DAYS', 35),
  };
}

export const DEFAULT_METRICS_NAMESPACE = 'ArgoCD/Auth';

export function readMetricsNamespace(env: Env): string {
  return stringWithDefault(env, 'METRICS_NAMESPACE', DEFAULT_METRICS_NAMESPACE);
}

/**
 * Cognito fails the sign-in when the trigger takes 5 s; the function's timeout is 3 s
 * (serverless.yml), so the budget must leave room under that.
 */
export const MAX_TRIGGER_BUDGET_MS = 2_000;

export function readTriggerBudgetMs(env: Env): number {
  const budgetMs = positiveNumber(env, 'TRIGGER_BUDGET_MS', 500);
  if (budgetMs > MAX_TRIGGER_BUDGET_MS) {
    throw new ConfigError(
      `TRIGGER_BUDGET_MS must be at most ${MAX_TRIGGER_BUDGET_MS} (the function times out at 3 s, Cognito at 5 s), got ${budgetMs}`,
    );
  }
  return budgetMs;
}
