/** One locale's words and number formats, handed to every message builder as one value. */
import { type Catalog, en } from './catalogs/en';
import { ja } from './catalogs/ja';
import { createFormatter, type Formatter } from './format';
import type { Locale } from './locale';

export type { Catalog } from './catalogs/en';
export type { Formatter } from './format';
export { createFormatter } from './format';
export type { Locale } from './locale';
export { DEFAULT_LOCALE, INTL_TAGS, isLocale, LOCALES, localeFromPosix } from './locale';

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, ja };

export interface Messages {
  locale: Locale;
  text: Catalog;
  format: Formatter;
}

export function messagesFor(locale: Locale, timeZone: string): Messages {
  return { locale, text: CATALOGS[locale], format: createFormatter(locale, timeZone) };
}
