/** Settings of the scheduled re-login check, read and validated once per cold start. */

import {
  ConfigError,
  type Env,
  type FlagOverride,
  oneOf,
  optionalString,
  positiveNumber,
  requiredString,
  settingError,
  stringList,
} from '../shared/config/env';
import { readMessages, readMetricsNamespace } from '../shared/config/settings';
import type { Messages } from '../shared/i18n';
import { HEAVY_WINDOW_HOURS } from './domain/activity-summary';
import { DEFAULT_PROPOSED_VALIDITY_HOURS, MAX_TOKEN_VALIDITY_HOURS } from './domain/advice';
import { STOP_GAP_REMINDERS, type StopGapReminder } from './domain/relogin-episode';
import { REPORT_IDENTITIES, type ReportIdentity, type ReportIdentityMode } from './domain/report-identity';
import { DEFAULT_SESSION_RULES, type SessionRules } from './domain/session-rules';

export interface TrackingSettings {
  /** App clients to watch; empty means every client. */
  trackedClientIds: ReadonlySet<string>;
  rules: SessionRules;
  heavyReLogins: number;
}

export function readTrackingSettings(
  env: Env,
  overrides: { trackedClientIds?: FlagOverride<readonly string[]> } = {},
): TrackingSettings {
  return {
    trackedClientIds: new Set(overrides.trackedClientIds?.value ?? stringList(env, 'ARGOCD_CLIENT_IDS')),
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
  /**
   * STOP_GAP_REMINDER: 'message' posts the weekly "undo the stop-gap" reminder to Slack; 'report' leaves
   * it to the periodic report, which says it every period (set by the stack when the report is
   * scheduled); 'off' says it in neither. The recovery message says it either way.
   */
  stopGapReminder: StopGapReminder;
  /** LOCALE and REPORT_TIMEZONE: the language of the messages and the zone of their dates. */
  messages?: Messages;
}

/** PROPOSED_VALIDITY_HOURS, or the flag that overrides it (`analyze --proposed-validity-hours`). */
export function readProposedValidityHours(env: Env, override?: FlagOverride<number>): number {
  const name = override?.flag ?? 'PROPOSED_VALIDITY_HOURS';
  const hours =
    override?.value ?? positiveNumber(env, 'PROPOSED_VALIDITY_HOURS', DEFAULT_PROPOSED_VALIDITY_HOURS);
  if (hours <= 0 || hours > MAX_TOKEN_VALIDITY_HOURS) {
    throw settingError(
      name,
      `${name} must be at most ${MAX_TOKEN_VALIDITY_HOURS} (Cognito's limit) and above 0, got ${hours}`,
    );
  }
  return hours;
}

export function readMinutesPerReLogin(env: Env): number {
  return positiveNumber(env, 'MINUTES_PER_RELOGIN', 0.5);
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
    minutesPerReLogin: readMinutesPerReLogin(env),
    proposedValidityHours: readProposedValidityHours(env),
    cooldownHours: positiveNumber(env, 'ALERT_COOLDOWN_HOURS', 24),
    namespace: readMetricsNamespace(env),
    identity: readReportIdentity(env),
    region: requiredString(env, 'AWS_REGION'),
    stopGapReminder: oneOf(env, 'STOP_GAP_REMINDER', STOP_GAP_REMINDERS, 'message'),
    messages: readMessages(env),
    ...(dashboardName ? { dashboardName } : {}),
  };
}
