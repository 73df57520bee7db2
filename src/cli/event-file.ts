/**
 * Reads the JSON Lines event file of `relogin-monitor analyze`, line by line: one
 * `{"at": "<ISO-8601>", "event": <Cognito trigger event>}` per line, in any order. A UTF-8 byte-order
 * mark is accepted. An `at` that is not a real calendar time, or lies outside a sane range, is a bad
 * line like any other.
 */
import { open } from 'node:fs/promises';
import { DateTime } from 'luxon';
import * as v from 'valibot';
import { truncated } from '../shared/safe-text';
import { mustBe, parseWith, plainObject } from '../shared/validation';
import { byteSize } from '../shared/wording';
import { classifyAuthEvent, type IgnoreReason, InvalidAuthEventError } from '../sign-ins';
import { UsageError } from './io';
import { forEachLine, MAX_LINE_BYTES, TOO_LONG } from './line-splitter';
import { SignInCollector } from './sign-in-collector';

export interface InvalidLine {
  line: number;
  reason: string;
}

export class EventFileError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'EventFileError';
  }
}

/** The shape of an ISO-8601 instant, fields in range; whether its day exists is luxon's to say. */
const ISO_8601 =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Days luxon found real: a file's million lines fall on a few hundred days, and luxon's parse costs
 * about as much as all the rest of a line. Bounded: cleared when full.
 */
const realDays = new Set<string>();
const MAX_REMEMBERED_DAYS = 10_000;

function isRealDay(day: string): boolean {
  if (realDays.has(day)) return true;
  if (!DateTime.fromISO(day, { zone: 'utc' }).isValid) return false;
  if (realDays.size >= MAX_REMEMBERED_DAYS) realDays.clear();
  realDays.add(day);
  return true;
}

/** Epoch ms of an ISO-8601 time with a zone that names a real calendar time (no 2026-02-30, no 25:00). */
export function parseIsoTime(text: unknown): number | null {
  if (typeof text !== 'string' || !ISO_8601.test(text)) return null;
  // Days 01-28 exist in every month: only the 29th, 30th and 31st ask the calendar (no match array).
  const day = (text.charCodeAt(8) - 0x30) * 10 + (text.charCodeAt(9) - 0x30);
  if (day > 28 && !isRealDay(text.slice(0, 10))) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

/** No Cognito sign-in predates 2000. */
export const EARLIEST_EVENT = Date.parse('2000-01-01T00:00:00Z');
/** Clocks drift and zones get mixed up, but not by more than a day. */
const MAX_FUTURE_MS = 86_400_000;

/**
 * Why `at` (epoch ms of an ISO-8601 time) lies outside the range events can have, or null when inside.
 * The one rule for the lines' `at` and for `--at`.
 */
export function outsideEventRange(at: number, now: number): string | null {
  return at < EARLIEST_EVENT || at > now + MAX_FUTURE_MS
    ? `must lie between 2000-01-01 and a day after now (${new Date(now).toISOString()})`
    : null;
}

/** Longest reason told for a bad line: the parser's message may quote the line. */
const MAX_REASON_CHARS = 300;

export interface ReadOptions {
  skipInvalid: boolean;
  /** Epoch ms of the run: an `at` more than a day after it is a bad line. */
  now: number;
}

const LINE_SHAPE = 'an object {"at": ..., "event": ...}';

/** One line's record: `at` a sane time (as epoch ms), `event` anything (the classifier judges it). */
function lineSchema(now: number) {
  const sane = `between 2000-01-01 and a day after now (${new Date(now).toISOString()})`;
  const record = v.object({
    at: v.pipe(
      v.unknown(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const at = parseIsoTime(dataset.value);
        if (at === null) addIssue({ message: mustBe('an ISO-8601 time with a zone') });
        else if (outsideEventRange(at, now) !== null) addIssue({ message: mustBe(sane) });
        else return at;
        return NEVER;
      }),
    ),
    event: v.unknown(),
  });
  return v.pipe(plainObject(LINE_SHAPE), record);
}

function parseLine(text: string, schema: ReturnType<typeof lineSchema>): { at: number; event: unknown } {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  return parseWith(schema, record, (message) => new Error(message));
}

/**
 * Calls `visit` with each line's time and event, streaming. A line that is not `{"at", "event"}`, or
 * that `visit` rejects by throwing, stops the reading with EventFileError, or with `skipInvalid` is
 * collected.
 */
export async function forEachEventLine(
  input: NodeJS.ReadableStream,
  options: ReadOptions,
  visit: (at: number, event: unknown) => void,
): Promise<InvalidLine[]> {
  const invalid: InvalidLine[] = [];
  const schema = lineSchema(options.now);
  let line = 0;
  await forEachLine(input, (raw) => {
    line += 1;
    if (raw !== TOO_LONG && raw.trim() === '') return;
    try {
      if (raw === TOO_LONG) {
        throw new Error(`longer than ${byteSize(MAX_LINE_BYTES)}, the cap on one line`);
      }
      const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const { at, event } = parseLine(text, schema);
      visit(at, event);
    } catch (error) {
      const reason = truncated((error as Error).message, MAX_REASON_CHARS);
      if (!options.skipInvalid) throw new EventFileError(line, reason);
      invalid.push({ line, reason });
    }
  });
  return invalid;
}

/**
 * The stream of `--events`: a file, or standard input for `-`. A file that cannot be opened is a
 * usage error (a wrong path); a failure while reading is not, and surfaces from the reading itself.
 */
export async function openEventSource(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<{ stream: NodeJS.ReadableStream; close(): Promise<void> }> {
  if (path === '-') return { stream: stdin, close: async () => undefined };
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --events ${path}: ${error.code ?? error.message}`);
  });
  // 256 KB: larger chunks measured no faster.
  const stream = handle.createReadStream({ highWaterMark: 1 << 18 });
  return { stream, close: () => handle.close().catch(() => undefined) };
}

export interface TrackedEvents {
  collector: SignInCollector;
  /** Well-formed events the monitor does not track (other clients, M2M tokens, other triggers). */
  ignored: number;
  /** The same, by reason. */
  ignoredBy: Record<IgnoreReason, number>;
  invalid: InvalidLine[];
  /** Epoch ms of the latest line, tracked or not; null for a file without events. */
  lastAt: number | null;
}

/** The tracked signals of `--events` (a file, or `-` for standard input), read line by line. */
export async function readTrackedEvents(
  path: string,
  stdin: NodeJS.ReadableStream,
  trackedClientIds: ReadonlySet<string>,
  options: { skipInvalid: boolean; now: number },
): Promise<TrackedEvents> {
  const read: TrackedEvents = {
    collector: new SignInCollector(),
    ignored: 0,
    ignoredBy: { 'other-trigger': 0, 'untracked-client': 0 },
    invalid: [],
    lastAt: null,
  };
  const source = await openEventSource(path, stdin);
  try {
    read.invalid = await forEachEventLine(source.stream, options, (at, event) => {
      let classification: ReturnType<typeof classifyAuthEvent>;
      try {
        classification = classifyAuthEvent(event, trackedClientIds);
      } catch (error) {
        if (error instanceof InvalidAuthEventError) throw new Error(`event: ${error.message}`);
        throw error;
      }
      read.lastAt = Math.max(read.lastAt ?? at, at);
      if (classification.tracked) read.collector.add(at, classification.signal);
      else {
        read.ignored += 1;
        read.ignoredBy[classification.ignored] += 1;
      }
    });
  } catch (error) {
    // A failure of the reading itself (a directory, a device, an I/O error) names what was being read.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new Error(
      `cannot read --events ${path === '-' ? '(standard input)' : path}: ${(error as Error).message}`,
    );
  } finally {
    await source.close();
  }
  return read;
}
