/** Settings of the periodic report (scheduled function), read and validated once per cold start. */
import {
  type ReportIdentity,
  readMinutesPerReLogin,
  readProposedValidityHours,
  readReportIdentity,
  readTrackingSettings,
  type SessionRules,
} from '../relogins';
import {
  ConfigError,
  type Env,
  oneOf,
  positiveNumber,
  requiredString,
  stringList,
  stringWithDefault,
} from '../shared/config/env';
import { readLocale, readMetricsNamespace } from '../shared/config/settings';
import type { Locale } from '../shared/i18n';
import { isTimeZone, type PeriodKind, REPORT_PERIODS } from './domain/period';

export interface ReportSettings {
  userPoolId: string;
  clientIds: string[];
  period: PeriodKind;
  timeZone: string;
  /** LOCALE: the report's language. */
  locale: Locale;
  topUsers: number;
  /** Argo CD's session rules, for the replay of the sign-in log. */
  rules: SessionRules;
  heavyReLogins: number;
  minutesPerReLogin: number;
  proposedValidityHours: number;
  identity: ReportIdentity;
  namespace: string;
}

export function readReportTimeZone(env: Env): string {
  const timeZone = stringWithDefault(env, 'REPORT_TIMEZONE', 'UTC');
  if (!isTimeZone(timeZone)) {
    throw new ConfigError(
      `REPORT_TIMEZONE must be an IANA time zone such as Europe/Berlin, got "${timeZone}"`,
    );
  }
  return timeZone;
}

export function readReportTopUsers(env: Env): number {
  const top = positiveNumber(env, 'REPORT_TOP_USERS', 10);
  if (!Number.isInteger(top)) throw new ConfigError(`REPORT_TOP_USERS must be a whole number, got "${top}"`);
  return top;
}

export function readReportSettings(env: Env): ReportSettings {
  const clientIds = stringList(env, 'ARGOCD_CLIENT_IDS');
  if (clientIds.length === 0) {
    throw new ConfigError('ARGOCD_CLIENT_IDS must list the Argo CD app client ids to report on');
  }
  const tracking = readTrackingSettings(env);
  return {
    userPoolId: requiredString(env, 'USER_POOL_ID'),
    clientIds,
    period: oneOf(env, 'REPORT_PERIOD', REPORT_PERIODS, 'week'),
    timeZone: readReportTimeZone(env),
    locale: readLocale(env),
    topUsers: readReportTopUsers(env),
    rules: tracking.rules,
    heavyReLogins: tracking.heavyReLogins,
    minutesPerReLogin: readMinutesPerReLogin(env),
    proposedValidityHours: readProposedValidityHours(env),
    identity: readReportIdentity(env),
    namespace: readMetricsNamespace(env),
  };
}
