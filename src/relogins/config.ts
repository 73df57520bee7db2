/** Settings of the scheduled re-login check, read and validated once per cold start. */

import {
  ConfigError,
  type Env,
  oneOf,
  optionalString,
  positiveNumber,
  requiredString,
  stringList,
} from '../shared/config/env';
import { readMetricsNamespace } from '../shared/config/settings';
import { HEAVY_WINDOW_HOURS } from './domain/activity-summary';
import { DEFAULT_PROPOSED_VALIDITY_HOURS, MAX_TOKEN_VALIDITY_HOURS } from './domain/advice';
import { REPORT_IDENTITIES, type ReportIdentity, type ReportIdentityMode } from './domain/report-identity';
import { DEFAULT_SESSION_RULES, type SessionRules } from './domain/session-rules';

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

export interface ReLoginCheckSettings {
  /** USER_POOL_ID; when unset the check finds the pool by `userPoolName`. */
  userPoolId?: string;
  /** USER_POOL_NAME: the pool the trigger is attached to. */
  userPoolName?: string;
  /** App clients to check; empty means every client of the pool with activity in the window. */
  clientIds: string[];
  rules: SessionRules;
  heavyReLogins: number;
  windowHours: number;
  minutesPerReLogin: number;
  proposedValidityHours: number;
  cooldownHours: number;
  namespace: string;
  identity: ReportIdentity;
  /** For console links. */
  region: string;
  /** The alert links to this CloudWatch dashboard when set, else to the metrics search. */
  dashboardName?: string;
}

export function readProposedValidityHours(env: Env): number {
  const hours = positiveNumber(env, 'PROPOSED_VALIDITY_HOURS', DEFAULT_PROPOSED_VALIDITY_HOURS);
  if (hours > MAX_TOKEN_VALIDITY_HOURS) {
    throw new ConfigError(
      `PROPOSED_VALIDITY_HOURS must be at most ${MAX_TOKEN_VALIDITY_HOURS} (Cognito's limit), got ${hours}`,
    );
  }
  return hours;
}

export function readReportIdentityMode(env: Env): ReportIdentityMode {
  return oneOf(env, 'REPORT_IDENTITY', REPORT_IDENTITIES, 'hashed');
}

export function readReportIdentity(env: Env): ReportIdentity {
  const mode = readReportIdentityMode(env);
  if (mode !== 'hashed') return { mode };
  return { mode, key: requiredString(env, 'REPORT_HASH_KEY') };
}

export function readReLoginCheckSettings(env: Env): ReLoginCheckSettings {
  const tracking = readTrackingSettings(env);
  const dashboardName = optionalString(env, 'METRICS_DASHBOARD');
  const userPoolId = optionalString(env, 'USER_POOL_ID');
  const userPoolName = optionalString(env, 'USER_POOL_NAME');
  if (userPoolId === undefined && userPoolName === undefined) {
    throw new ConfigError('USER_POOL_ID or USER_POOL_NAME is required but neither is set');
  }
  return {
    ...(userPoolId === undefined ? { userPoolName } : { userPoolId }),
    clientIds: [...tracking.trackedClientIds],
    rules: tracking.rules,
    heavyReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    minutesPerReLogin: positiveNumber(env, 'MINUTES_PER_RELOGIN', 0.5),
    proposedValidityHours: readProposedValidityHours(env),
    cooldownHours: positiveNumber(env, 'ALERT_COOLDOWN_HOURS', 24),
    namespace: readMetricsNamespace(env),
    identity: readReportIdentity(env),
    region: requiredString(env, 'AWS_REGION'),
    ...(dashboardName ? { dashboardName } : {}),
  };
}
