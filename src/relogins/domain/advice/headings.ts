/** How each advice item is headed wherever it is shown (the alert, the periodic report). */
import type { AdviceItem } from './index';

export const ADVICE_TITLES: Readonly<Record<AdviceItem['id'], string>> = {
  'upgrade-argocd': 'Upgrade Argo CD (the real fix)',
  'mitigate-with-threshold': 'Until the upgrade: refresh before expiry',
  'extend-token-validity': 'Stop-gap: longer token validity',
  'diagnose-partial-refresh': 'Refresh works for some users only',
  'revert-token-validity': 'Undo the stop-gap',
  'fix-token-validity-order': 'Access token outlives the ID token',
};

export const SEVERITY_ICONS: Readonly<Record<AdviceItem['severity'], string>> = {
  warning: ':warning:',
  info: ':information_source:',
};
