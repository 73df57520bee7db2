/** Settings shared by the trigger, the scheduled jobs and the CLI, each read and validated once. */
import { DEFAULT_SESSION_RULES, type SessionRules } from '../domain/session-rules';
import { type Env, positiveNumber, requiredString, stringList, stringWithDefault } from './env';

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
