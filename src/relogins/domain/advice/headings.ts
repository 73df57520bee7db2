/** How each advice item is headed wherever it is shown (the alert, the periodic report). */
import { en } from '../../../shared/i18n/catalogs/en';
import type { AdviceItem } from './index';

/** The English headings; every locale's are in its catalog (`advice.titles`). */
export const ADVICE_TITLES: Readonly<Record<AdviceItem['id'], string>> = en.advice.titles;

export const SEVERITY_ICONS: Readonly<Record<AdviceItem['severity'], string>> = {
  warning: ':warning:',
  info: ':information_source:',
};
