/**
 * The languages people read this tool's messages, reports, dashboard and CLI output in. English is the
 * default; Japanese for the platform teams the problem was first written up for.
 */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The BCP 47 tag `Intl` formats with: British English for day-month order and a 24-hour clock. */
export const INTL_TAGS: Readonly<Record<Locale, string>> = { en: 'en-GB', ja: 'ja-JP' };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale a POSIX locale name asks for (`LC_ALL`, `LC_MESSAGES` or `LANG`: `ja_JP.UTF-8`, `ja`, `C`):
 * Japanese for any `ja…`, English otherwise, so an unknown or unset name never fails a command.
 */
export function localeFromPosix(name: string | undefined): Locale {
  return name !== undefined && /^ja(?:[_.@-]|$)/i.test(name.trim()) ? 'ja' : DEFAULT_LOCALE;
}
