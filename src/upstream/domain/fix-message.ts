/**
 * The Slack messages of one tracked fix: the first one (every fixed release line, the deployed
 * version, the smallest upgrade, what to set, the prerequisites as context), and the updates in its
 * thread when a new line or the deployed version changes the answer. Pure.
 */

import { suggestedRefreshThreshold } from '../../app-clients';
import {
  type BlockKitMessage,
  context,
  escapeMrkdwn,
  fallbackText,
  fieldsSection,
  header,
  mrkdwn,
  section,
} from '../../notifications';
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

/** A catalog entry that is only a prerequisite of the fix, with what the watcher learnt about it. */
export interface Prerequisite {
  entry: FixEntry;
  status: FixStatus | undefined;
}

/** What changed since the fix's last message; null for the first one. */
export interface FixUpdate {
  newLines: readonly string[];
  /** The deployed version, when it is not the one of the last message (from null: unknown then). */
  deployedChange: { from: string | null; to: string } | null;
  /** Whether the answer for the deployed Argo CD (has the fix, smallest upgrade) changed. */
  answerChanged: boolean;
}

function prerequisiteText({ entry, status }: Prerequisite): string {
  const pulls = entry.pulls.map((pull) => `#${pull}`).join(', ');
  const released =
    status === undefined || status.fixedIn.length === 0 ? 'not released' : `first in ${list(status.fixedIn)}`;
  return `Builds on ${entry.id} (${entry.repo} ${pulls}, ${released}): ${entry.title}. ${entry.advice ?? ''}`.trim();
}

function updateHeadline(entry: FixEntry, update: FixUpdate): string {
  const parts = [
    ...(update.newLines.length === 0 ? [] : [`now also in ${list(update.newLines)}`]),
    ...(update.deployedChange === null
      ? []
      : [
          `deployed Argo CD is now ${update.deployedChange.to} (${update.deployedChange.from === null ? 'unknown before' : `was ${update.deployedChange.from}`})`,
        ]),
  ];
  return `${entry.repo}: the fix "${entry.title}" (${entry.id}): ${parts.join('; ')}`;
}

/**
 * The fix's message: the first one (`update` null) lists every line that has it; an update says what
 * changed, with the same figures, for its thread.
 */
export function fixMessage(
  entry: FixEntry,
  fix: FixStatus,
  deployedVersion: string | null,
  {
    idTokenValidity = [],
    prerequisites = [],
    update = null,
  }: {
    /** The Argo CD app clients' ID-token validity, read from Cognito; empty when unknown. */
    idTokenValidity?: readonly ClientIdTokenValidity[];
    prerequisites?: readonly Prerequisite[];
    update?: FixUpdate | null;
  } = {},
): BlockKitMessage {
  const toSet = whatToSet(fix, idTokenValidity);
  const headline =
    update === null
      ? `${entry.repo} released the fix "${entry.title}" (${entry.id}) in ${list(fix.fixedIn)}`
      : updateHeadline(entry, update);
  const upgrade = upgradeText(fix);
  const text = fallbackText(
    `${headline}. Deployed: ${deployedText(fix, deployedVersion)}. Upgrade to: ${upgrade}.`,
  );
  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${escapeMrkdwn(value)}`);
  const title = update === null ? `Upstream fix released: ${entry.id}` : `Upstream fix update: ${entry.id}`;
  return {
    text,
    blocks: [
      header(title),
      section(escapeMrkdwn(headline)),
      fieldsSection([
        field('Fixed in (first release per line)', list(fix.fixedIn)),
        field('Prereleases', list(fix.fixedInPrerelease)),
        field('Deployed Argo CD', deployedText(fix, deployedVersion)),
        field('Smallest upgrade that has it', upgrade),
      ]),
      ...(toSet === null ? [] : [section(`*What to set*\n${escapeMrkdwn(toSet)}`)]),
      // Context for the first message only: its thread's updates stay short.
      ...(prerequisites.length === 0 || update !== null
        ? []
        : [context(...prerequisites.map((prerequisite) => escapeMrkdwn(prerequisiteText(prerequisite))))]),
    ],
  };
}
