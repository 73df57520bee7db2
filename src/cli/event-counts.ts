/**
 * What reading an events file left out of the figures, so nothing is dropped silently: duplicates the
 * replay collapsed, well-formed events it does not track (by reason), and bad lines skipped. The same
 * counts for `analyze` (text and --json) and `report` (its files and what it prints).
 */
import { type Messages, messagesFor } from '../shared/i18n';
import type { IgnoreReason } from '../sign-ins';
import { outsideEventRange, parseIsoTime } from './event-file';
import { UsageError } from './io';

export interface EventCounts {
  /** Signals the replay collapsed into one (both triggers of one sign-in, Cognito's retries). */
  duplicateEvents: number;
  /** Well-formed events not tracked, by reason. */
  ignoredEvents: Record<IgnoreReason, number>;
}

/** A sentence for each kind of event left out that is not zero, in the messages' language (English by default). */
export function describeEventCounts(
  counts: EventCounts,
  messages: Messages = messagesFor('en', 'UTC'),
): string[] {
  const words = messages.text.cli;
  const ignoredTotal = Object.values(counts.ignoredEvents).reduce((sum, count) => sum + count, 0);
  const byReason = Object.entries(counts.ignoredEvents)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => words.ignoredBecause(count, words.ignoreReasons[reason as IgnoreReason]));
  return [
    ...(counts.duplicateEvents > 0 ? [words.duplicates(counts.duplicateEvents)] : []),
    ...(ignoredTotal > 0
      ? [words.ignored(ignoredTotal, byReason.join(messages.locale === 'ja' ? '、' : ', '))]
      : []),
  ];
}

/** `--at` as epoch ms, held to the same rules as a line's `at`: a real time with a zone, in range. */
export function parseAtFlag(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const at = parseIsoTime(value);
  if (at === null)
    throw new UsageError(`--at must be an ISO-8601 time with a zone, got ${JSON.stringify(value)}`);
  const outside = outsideEventRange(at, now);
  if (outside !== null) throw new UsageError(`--at ${outside}, got ${JSON.stringify(value)}`);
  return at;
}
