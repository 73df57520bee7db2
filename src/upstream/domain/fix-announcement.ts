/**
 * When a tracked fix is announced: once when some release line first has it (every line in one
 * message), then in that message's thread only when a new line has it or the deployed version changes
 * the answer (has the fix, smallest upgrade). Pure; kept as the fix's notify-once ledger state.
 */
import type { FixUpdate } from './fix-message';
import type { FixStatus } from './upstream-fix-status';

export interface FixAnnouncementState {
  /** `ts` of the fix's first message, the thread of its updates; null until it was posted. */
  threadTs: string | null;
  /** The lines announced so far. */
  fixedIn: string[];
  /** The answer last announced for the deployed Argo CD. */
  deployedVersion: string | null;
  deployedHasFix: boolean | null;
  upgradeTo: string | null;
}

export interface FixAnnouncement {
  state: FixAnnouncementState;
  /** null: the first message. */
  update: FixUpdate | null;
}

export function nextFixAnnouncement(
  previous: FixAnnouncementState | null,
  fix: FixStatus,
  deployedVersion: string | null,
): FixAnnouncement | null {
  if (fix.fixedIn.length === 0) return null;
  const answer = { deployedVersion, deployedHasFix: fix.deployedHasFix, upgradeTo: fix.upgradeTo };
  if (previous === null)
    return { state: { threadTs: null, fixedIn: [...fix.fixedIn], ...answer }, update: null };
  const newLines = fix.fixedIn.filter((line) => !previous.fixedIn.includes(line));
  // An unknown deployed version this run (Argo CD unreachable) changes nothing: the last answer stands.
  const answerChanged =
    fix.deployedHasFix !== null &&
    deployedVersion !== null &&
    (fix.deployedHasFix !== previous.deployedHasFix || fix.upgradeTo !== previous.upgradeTo);
  if (newLines.length === 0 && !answerChanged) return null;
  return {
    state: {
      threadTs: previous.threadTs,
      fixedIn: [...new Set([...previous.fixedIn, ...fix.fixedIn])],
      ...(answerChanged
        ? answer
        : {
            deployedVersion: previous.deployedVersion,
            deployedHasFix: previous.deployedHasFix,
            upgradeTo: previous.upgradeTo,
          }),
    },
    update: {
      newLines,
      deployedChange:
        answerChanged && deployedVersion !== previous.deployedVersion
          ? { from: previous.deployedVersion, to: deployedVersion }
          : null,
      answerChanged,
    },
  };
}
