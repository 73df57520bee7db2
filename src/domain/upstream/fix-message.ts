/**
 * The Slack message announcing that an upstream release carries a tracked fix: which release, whether
 * the deployed Argo CD has the fix, the smallest upgrade that does, and what to set afterwards. Pure.
 */
import { type BlockKitMessage, escapeMrkdwn } from '../relogin-alert-message';
import type { FixStatus } from '../upstream-fix-status';
import type { FixEntry } from './catalog';

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

function list(tags: readonly string[]): string {
  return tags.length === 0 ? '–' : tags.join(', ');
}

export function fixReleasedMessage(
  entry: FixEntry,
  fix: FixStatus,
  release: string,
  deployedVersion: string | null,
): BlockKitMessage {
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
      ...(fix.advice === undefined
        ? []
        : [
            { type: 'section', text: { type: 'mrkdwn', text: `*What to set*\n${escapeMrkdwn(fix.advice)}` } },
          ]),
    ],
  };
}
