/** Settings every function shares (the table, the metrics namespace), each read and validated once. */
import { type Env, positiveNumber, requiredString, stringWithDefault } from './env';

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
