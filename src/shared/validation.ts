/**
 * The one way outside data is validated (valibot schemas) and the one way its issues are told: the
 * value's place and what was expected there, `releases[3].tag_name must be a string, got 7`. Every
 * boundary that reads data it did not write (stored items, GitHub answers, catalogs, events files,
 * saved AWS answers) parses through `parseWith`, so every refusal reads alike.
 */
import * as v from 'valibot';
import { printable } from './safe-text';

type Issue = v.BaseIssue<unknown>;
type Schema = v.GenericSchema;

/** Long enough to recognise a value, short enough to keep one line readable. */
const MAX_SHOWN = 80;

/** The value as JSON, made printable and cut short: `"2026-13-40"`, `7`, `undefined`. */
export function shownValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  const safe = printable(text);
  return safe.length > MAX_SHOWN ? `${safe.slice(0, MAX_SHOWN - 1)}…` : safe;
}

/**
 * An issue message saying what was expected and what was found: `v.string(mustBe('a string'))`.
 * Schemas without one get valibot's own name of the type (see `parseWith`).
 */
export function mustBe(expected: string): (issue: Issue) => string {
  return (issue) => `must be ${expected}, got ${shownValue(issue.input)}`;
}

/** The place of an issue: `root.field[3].name`; only the root (maybe empty) when it is about the whole value. */
export function issuePlace(issue: Issue, root: string): string {
  let place = root;
  for (const item of issue.path ?? []) {
    const key = item.key;
    place += typeof key === 'number' ? `[${key}]` : place === '' ? String(key) : `.${String(key)}`;
  }
  return place;
}

/** A union's issue names no place; its closest branch does, so report that branch's issue. */
function deepest(issue: Issue): Issue {
  const inner = issue.issues?.find((sub) => (sub.path?.length ?? 0) > (issue.path?.length ?? 0));
  return inner === undefined ? issue : deepest(inner);
}

/** At most this many issues are told; the count says how many more there were. */
const MAX_TOLD = 3;

/** `place message` for the first issues, `; `-separated. */
export function formatIssues(issues: readonly Issue[], root = ''): string {
  const told = issues.slice(0, MAX_TOLD).map((issue) => {
    const closest = deepest(issue);
    const place = issuePlace(closest, root);
    return place === '' ? closest.message : `${place} ${closest.message}`;
  });
  const more = issues.length - told.length;
  return more > 0 ? `${told.join('; ')} (and ${more} more)` : told.join('; ');
}

/** valibot's names of what it expected, in words. */
const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  Object: 'an object',
  Array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/** An object schema's issue about one of its keys: absent (expected `"key"`) or not allowed (`never`). */
function keyProblem(issue: Issue): string | undefined {
  const key = issue.path?.at(-1)?.key;
  if (issue.kind !== 'schema' || key === undefined || !/object/.test(issue.type)) return undefined;
  if (issue.expected === `"${String(key)}"`) return 'is missing';
  if (issue.expected === 'never') return 'is not a known field';
  return undefined;
}

/**
 * valibot's own messages read "Invalid type: Expected …"; ours read like the rest of the project.
 * Exported for a schema whose own message adds to it (and falls back to it).
 */
export function defaultMessage(issue: Issue): string {
  const expected = issue.expected ?? 'valid';
  return (
    keyProblem(issue) ?? `must be ${EXPECTED_WORDS[expected] ?? expected}, got ${shownValue(issue.input)}`
  );
}

const CONFIG = { message: defaultMessage } as const;

/**
 * The value as the schema's output, or the error `fail` makes of the formatted issues (each issue's
 * place starting at `root`, e.g. `report`).
 */
export function parseWith<S extends Schema>(
  schema: S,
  value: unknown,
  fail: (message: string) => Error,
  root = '',
): v.InferOutput<S> {
  const result = v.safeParse(schema, value, CONFIG);
  if (!result.success) throw fail(formatIssues(result.issues, root));
  return result.output;
}

// Shared pieces of schemas.

export const nonEmptyString = v.pipe(
  v.string(mustBe('a non-empty string')),
  v.nonEmpty(mustBe('a non-empty string')),
);

/** Not empty once trimmed: a title of spaces says nothing. */
export const text = v.pipe(
  v.string(mustBe('a non-empty string')),
  v.check((value) => value.trim() !== '', mustBe('a non-empty string')),
);

export const finiteNumber = v.pipe(v.number(), v.finite(mustBe('a finite number')));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A plain object (not null, not an array) with any fields. Put it before a `v.object` over parsed JSON:
 * valibot's object schemas take an array, whose `at` or `length` would then pass for a field.
 */
export function plainObject(expected = 'an object') {
  return v.custom<Record<string, unknown>>(isPlainObject, mustBe(expected));
}

export function oneOf<const T extends readonly string[]>(allowed: T) {
  return v.picklist(allowed, mustBe(`one of ${allowed.join(', ')}`));
}
