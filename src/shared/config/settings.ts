/** Settings every function shares (the table, the metrics namespace), each read and validated once. */
import { type Messages, messagesFor } from '../i18n';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, localeFromPosix } from '../i18n/locale';
import {
  ConfigError,
  type Env,
  oneOf,
  positiveNumber,
  requiredString,
  settingError,
  stringWithDefault,
} from './env';

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

/** LOCALE: the language of messages, reports and dashboard text (`en`, the default, or `ja`). */
export function readLocale(env: Env): Locale {
  return oneOf(env, 'LOCALE', LOCALES, DEFAULT_LOCALE);
}

/** The language and time zone of messages: LOCALE, and REPORT_TIMEZONE (UTC when unset) for their dates. */
export interface Presentation {
  locale: Locale;
  timeZone: string;
}

export function readPresentation(env: Env): Presentation {
  const timeZone = stringWithDefault(env, 'REPORT_TIMEZONE', 'UTC');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(
      `REPORT_TIMEZONE must be an IANA time zone such as Europe/Berlin, got "${timeZone}"`,
    );
  }
  return { locale: readLocale(env), timeZone };
}

/** The messages' words and formats for LOCALE and REPORT_TIMEZONE. */
export function readMessages(env: Env): Messages {
  const { locale, timeZone } = readPresentation(env);
  return messagesFor(locale, timeZone);
}

/**
 * The CLI's language: `--locale` when given, else what the user's POSIX locale asks for (LC_ALL, then
 * LC_MESSAGES, then LANG), as every command-line tool does.
 */
export function cliLocale(flag: string | undefined, env: Env): Locale {
  if (flag !== undefined) {
    if (!isLocale(flag))
      throw settingError('--locale', `--locale must be one of ${LOCALES.join(', ')}, got "${flag}"`);
    return flag;
  }
  return localeFromPosix(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
