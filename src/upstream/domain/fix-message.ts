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
import { type Messages, messagesFor } from '../../shared/i18n';
import type { FixEntry } from './catalog';
import type { FixStatus } from './upstream-fix-status';

function deployedText(m: Messages, fix: FixStatus, deployedVersion: string | null): string {
  const words = m.text.upstreamFix;
  if (fix.deployedHasFix === null) return words.deployedUnknown;
  return fix.deployedHasFix
    ? words.deployedHas(`${deployedVersion}`)
    : words.deployedLacks(`${deployedVersion}`);
}

function upgradeText(m: Messages, fix: FixStatus): string {
  const words = m.text.upstreamFix;
  if (fix.deployedHasFix === true) return words.upgradeNone;
  if (fix.upgradeTo !== null) return fix.upgradeTo;
  return fix.deployedHasFix === null ? words.upgradeOwnLine : words.upgradeNoneAbove;
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
function thresholdForPool(m: Messages, validities: readonly ClientIdTokenValidity[]): string | null {
  const words = m.text.upstreamFix;
  const shortest = [...validities].sort((a, b) => a.idTokenMinutes - b.idTokenMinutes)[0];
  if (shortest === undefined) return null;
  const of =
    validities.length === 1
      ? words.thresholdClient(shortest.clientId)
      : words.thresholdShortestClient(shortest.clientId, validities.length);
  return words.thresholdForPool({
    validity: m.format.minutes(shortest.idTokenMinutes),
    of,
    example: suggestedRefreshThreshold(shortest.idTokenMinutes).goDuration,
  });
}

/** The catalog's advice (in the catalog's language when it has it), led by the pool's own numbers when about refreshTokenThreshold. */
function whatToSet(m: Messages, fix: FixStatus, validities: readonly ClientIdTokenValidity[]): string | null {
  if (fix.advice === undefined) return null;
  const advice = m.text.fixAdvice[fix.id] ?? fix.advice;
  const forPool = fix.advice.includes('refreshTokenThreshold') ? thresholdForPool(m, validities) : null;
  return forPool === null ? advice : `${forPool}\n${advice}`;
}

/** Release tags are identifiers: comma-separated in either language. */
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

function fixTitle(m: Messages, entry: FixEntry): string {
  return m.text.fixTitles[entry.id] ?? entry.title;
}

function prerequisiteText(m: Messages, { entry, status }: Prerequisite): string {
  const words = m.text.upstreamFix;
  return words.buildsOn({
    id: entry.id,
    repo: entry.repo,
    pulls: entry.pulls.map((pull) => `#${pull}`).join(', '),
    released:
      status === undefined || status.fixedIn.length === 0
        ? words.notReleased
        : words.firstIn(list(status.fixedIn)),
    title: fixTitle(m, entry),
    advice: entry.advice === undefined ? '' : (m.text.fixAdvice[entry.id] ?? entry.advice),
  });
}

function updateHeadline(m: Messages, entry: FixEntry, update: FixUpdate): string {
  const words = m.text.upstreamFix;
  const changes = [
    ...(update.newLines.length === 0 ? [] : [words.nowAlsoIn(list(update.newLines))]),
    ...(update.deployedChange === null
      ? []
      : [words.deployedNow(update.deployedChange.to, update.deployedChange.from)]),
  ];
  return words.updateHeadline({
    repo: entry.repo,
    title: fixTitle(m, entry),
    id: entry.id,
    changes: changes.join('; '),
  });
}

/**
 * The fix's message: the first one (`update` null) lists every line that has it, what to set and what
 * it builds on; an update, in its thread, stays short: what changed and the answer for the deployed
 * Argo CD, pointing to the first message for the rest.
 */
export function fixMessage(
  entry: FixEntry,
  fix: FixStatus,
  deployedVersion: string | null,
  {
    idTokenValidity = [],
    prerequisites = [],
    update = null,
    messages = messagesFor('en', 'UTC'),
  }: {
    /** The Argo CD app clients' ID-token validity, read from Cognito; empty when unknown. */
    idTokenValidity?: readonly ClientIdTokenValidity[];
    prerequisites?: readonly Prerequisite[];
    update?: FixUpdate | null;
    /** LOCALE's words; English when absent. */
    messages?: Messages;
  } = {},
): BlockKitMessage {
  const m = messages;
  const words = m.text.upstreamFix;
  const headline =
    update === null
      ? words.releasedHeadline({
          repo: entry.repo,
          title: fixTitle(m, entry),
          id: entry.id,
          lines: list(fix.fixedIn),
        })
      : updateHeadline(m, entry, update);
  const deployed = deployedText(m, fix, deployedVersion);
  const upgrade = upgradeText(m, fix);
  const text = fallbackText(words.fallback(headline, deployed, upgrade));
  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${escapeMrkdwn(value)}`);
  const fixedIn = field(words.fixedIn, list(fix.fixedIn));
  const answer = [field(words.deployed, deployed), field(words.smallestUpgrade, upgrade)];
  if (update !== null) {
    return {
      text,
      blocks: [
        header(words.updateTitle(entry.id)),
        section(escapeMrkdwn(headline)),
        fieldsSection([fixedIn, ...answer]),
        context(escapeMrkdwn(words.seeFirstMessage)),
      ],
    };
  }
  const toSet = whatToSet(m, fix, idTokenValidity);
  return {
    text,
    blocks: [
      header(words.releasedTitle(entry.id)),
      section(escapeMrkdwn(headline)),
      fieldsSection([fixedIn, field(words.prereleases, list(fix.fixedInPrerelease)), ...answer]),
      ...(toSet === null ? [] : [section(`*${words.whatToSet}*\n${escapeMrkdwn(toSet)}`)]),
      ...(prerequisites.length === 0
        ? []
        : [context(...prerequisites.map((prerequisite) => escapeMrkdwn(prerequisiteText(m, prerequisite))))]),
    ],
  };
}
