/**
 * The Slack message announcing that an upstream release carries a tracked fix: which release, whether
 * the deployed Argo CD has the fix, the smallest upgrade that does, and what to set afterwards. Pure.
 */

import { suggestedRefreshThreshold } from '../../app-clients';
import { type BlockKitMessage, escapeMrkdwn } from '../../notifications';
import { formatMinutes } from '../../shared/durations';
import type { FixEntry } from './catalog';
import type { FixStatus } from './upstream-fix-status';

function deployedText(fix: FixStatus, deployedVersion: string | null): string {
  if (fix.deployedHasFix === null) return 'unknown (set ARGOCD_URL or ARGOCD_VERSION)';
  if (fix.deployedHasFix) return `${deployedVersion} has the fix`;
  return `${deployedVersion} does not have the fix`;
}

function upgradeText(fix: FixStatus): string {
  if (fix.deployedHasFix === true) return 'none needed';
  if (fix.upgradeTo !== null) return fix.upgradeTo;
  return fix.deployedHasFix === null
    ? 'the fixed release of your minor line'
    : 'no fixed release above yours yet';
}

/** The ID-token validity of one Argo CD app client, as Cognito reports it. */
export interface ClientIdTokenValidity {
  clientId: string;
  idTokenMinutes: number;
}

/**
 * `refreshTokenThreshold` is optional (a fixed release refreshes expired sessions without it) and must
 * be shorter than the ID token's validity, or Argo CD refreshes on every request; with several Argo CD
 * clients, shorter than the shortest. The example is the one threshold policy's, as in the alert.
 * null when no validity is known: the catalog's generic advice stands alone.
 */
function thresholdForPool(validities: readonly ClientIdTokenValidity[]): string | null {
  const shortest = [...validities].sort((a, b) => a.idTokenMinutes - b.idTokenMinutes)[0];
  if (shortest === undefined) return null;
  const of =
    validities.length === 1
      ? `app client ${shortest.clientId}`
      : `app client ${shortest.clientId} (the shortest of your ${validities.length} Argo CD app clients)`;
  const example = suggestedRefreshThreshold(shortest.idTokenMinutes).goDuration;
  return (
    'For your pool, to refresh sessions before they expire too (recommended, not required: the fixed releases ' +
    'refresh expired sessions without it): set oidc.config.refreshTokenThreshold shorter than the ' +
    `${formatMinutes(shortest.idTokenMinutes)} ID-token validity of ${of} (for example ${example}).`
  );
}

/** The catalog's advice, led by the pool's own numbers when the advice is about refreshTokenThreshold. */
function whatToSet(fix: FixStatus, validities: readonly ClientIdTokenValidity[]): string | null {
  if (fix.advice === undefined) return null;
  const forPool = fix.advice.includes('refreshTokenThreshold') ? thresholdForPool(validities) : null;
  return forPool === null ? fix.advice : `${forPool}\n${fix.advice}`;
}

function list(tags: readonly string[]): string {
  return tags.length === 0 ? '–' : tags.join(', ');
}

export function fixReleasedMessage(
  entry: FixEntry,
  fix: FixStatus,
  release: string,
  deployedVersion: string | null,
  /** The Argo CD app clients' ID-token validity, read from Cognito; empty when unknown. */
  idTokenValidity: readonly ClientIdTokenValidity[] = [],
): BlockKitMessage {
  const toSet = whatToSet(fix, idTokenValidity);
  const headline = `${entry.repo} ${release} carries the fix "${entry.title}" (${entry.id})`;
  const upgrade = upgradeText(fix);
  const text = `${headline}. Deployed: ${deployedText(fix, deployedVersion)}. Upgrade to: ${upgrade}.`;
  const field = (label: string, value: string) => ({
    type: 'mrkdwn',
    text: `*${label}*\n${escapeMrkdwn(value)}`,
  });
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Upstream fix released: ${release}` } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(headline) } },
      {
        type: 'section',
        fields: [
          field('Fixed in (first release per line)', list(fix.fixedIn)),
          field('Prereleases', list(fix.fixedInPrerelease)),
          field('Deployed Argo CD', deployedText(fix, deployedVersion)),
          field('Smallest upgrade that has it', upgrade),
        ],
      },
      ...(toSet === null
        ? []
        : [{ type: 'section', text: { type: 'mrkdwn', text: `*What to set*\n${escapeMrkdwn(toSet)}` } }]),
    ],
  };
}
