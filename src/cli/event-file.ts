/**
 * Reads the JSON Lines event file of `relogin-monitor analyze`: one
 * `{"at": "<ISO-8601>", "event": <Cognito trigger event>}` per line, in any order.
 */

import { readFile } from 'node:fs/promises';
import type { TimedSignal } from '../relogins';
import { classifyAuthEvent, InvalidAuthEventError } from '../sign-ins';
import { UsageError } from './io';

export interface InvalidLine {
  line: number;
  reason: string;
}

export interface ParsedEventFile {
  signals: TimedSignal[];
  /** Well-formed events the monitor does not track (other clients, M2M tokens, other triggers). */
  ignored: number;
  invalid: InvalidLine[];
  /** Epoch ms of the latest line, tracked or not; null for a file without events. */
  lastAt: number | null;
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

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseIsoTime(text: unknown): number | null {
  if (typeof text !== 'string' || !ISO_8601.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

function parseLine(text: string): { at: number; event: unknown } {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new Error('expected an object {"at": ..., "event": ...}');
  }
  const { at: atText, event } = record as Record<string, unknown>;
  const at = parseIsoTime(atText);
  if (at === null)
    throw new Error(`"at" must be an ISO-8601 time with a zone, got ${JSON.stringify(atText)}`);
  return { at, event };
}

/**
 * Calls `visit` with each line's time and event. A line that is not `{"at", "event"}`, or that `visit`
 * rejects by throwing, stops the reading with EventFileError, or with `skipInvalid` is collected.
 */
export function forEachEventLine(
  content: string,
  options: { skipInvalid: boolean },
  visit: (at: number, event: unknown) => void,
): InvalidLine[] {
  const invalid: InvalidLine[] = [];
  content.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    try {
      const { at, event } = parseLine(text);
      visit(at, event);
    } catch (error) {
      const reason = (error as Error).message;
      if (!options.skipInvalid) throw new EventFileError(line, reason);
      invalid.push({ line, reason });
    }
  });
  return invalid;
}

/** @throws EventFileError on the first bad line unless `skipInvalid`, which collects them instead. */
export function parseEventFile(
  content: string,
  trackedClientIds: ReadonlySet<string>,
  options: { skipInvalid: boolean },
): ParsedEventFile {
  const result: ParsedEventFile = { signals: [], ignored: 0, invalid: [], lastAt: null };
  result.invalid = forEachEventLine(content, options, (at, event) => {
    let classification: ReturnType<typeof classifyAuthEvent>;
    try {
      classification = classifyAuthEvent(event, trackedClientIds);
    } catch (error) {
      if (error instanceof InvalidAuthEventError) throw new Error(`event: ${error.message}`);
      throw error;
    }
    result.lastAt = Math.max(result.lastAt ?? at, at);
    if (classification.tracked) result.signals.push({ at, signal: classification.signal });
    else result.ignored += 1;
  });
  return result;
}

/** Reads and parses an events file; an unreadable file is a UsageError naming it. */
export async function readEventFile(
  path: string,
  trackedClientIds: ReadonlySet<string>,
  options: { skipInvalid: boolean },
): Promise<ParsedEventFile> {
  const content = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --events ${path}: ${error.code ?? error.message}`);
  });
  return parseEventFile(content, trackedClientIds, options);
}
