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
import { REPORT_IDENTITIES, type ReportIdentity } from './domain/report-identity';
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
  userPoolId: string;
  clientIds: string[];
  heavyReLogins: number;
  windowHours: number;
  minutesPerReLogin: number;
  proposedValidityHours: number;
  /** Argo CD's `users.session.duration` (ARGOCD_SESSION_HOURS): after the fix, users sign in again this often. */
  sessionHours: number;
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

export function readReportIdentity(env: Env): ReportIdentity {
  const mode = oneOf(env, 'REPORT_IDENTITY', REPORT_IDENTITIES, 'hashed');
  if (mode !== 'hashed') return { mode };
  return { mode, key: requiredString(env, 'REPORT_HASH_KEY') };
}

export function readReLoginCheckSettings(env: Env): ReLoginCheckSettings {
  const clientIds = stringList(env, 'ARGOCD_CLIENT_IDS');
  if (clientIds.length === 0) {
    throw new ConfigError('ARGOCD_CLIENT_IDS must list the Argo CD app client ids to check');
  }
  const dashboardName = optionalString(env, 'METRICS_DASHBOARD');
  const tracking = readTrackingSettings(env);
  return {
    userPoolId: requiredString(env, 'USER_POOL_ID'),
    clientIds,
    heavyReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    minutesPerReLogin: positiveNumber(env, 'MINUTES_PER_RELOGIN', 0.5),
    proposedValidityHours: readProposedValidityHours(env),
    sessionHours: tracking.rules.sessionHours,
    cooldownHours: positiveNumber(env, 'ALERT_COOLDOWN_HOURS', 24),
    namespace: readMetricsNamespace(env),
    identity: readReportIdentity(env),
    region: requiredString(env, 'AWS_REGION'),
    ...(dashboardName ? { dashboardName } : {}),
  };
}
