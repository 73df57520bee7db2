/**
 * The single table's layout, in one place: the key schema (`pk`, `sk`, TTL attribute `expiresAt`),
 * every key builder and every item codec. Items read back are validated field by field; a bad item is
 * a BadItemError naming its key, never a wrong number.
 *
 * | item                       | pk                                   | sk                                              |
 * |----------------------------|--------------------------------------|-------------------------------------------------|
 * | sign-in log (one a signal) | `SIGNIN#<pool>#<yyyy-mm-dd>`         | `<ISO time>#<client>#<user>#<trigger source>`   |
 * | notification ledger        | `NOTIFY#<ledger key>`                | `LEDGER`                                        |
 * | upstream knowledge         | `UPSTREAM#knowledge`                 | `STATE`                                         |
 * | upstream report            | `UPSTREAM#report`                    | `LATEST`                                        |
 *
 * Every variable part that is followed by another part is length-prefixed (`<length>:<value>`), so no
 * value containing `#` can make two pools, clients or users share a key: sub `x#y` on client `c` is
 * `…#1:c#3:x#y#…`, sub `y` on client `c#x` is `…#3:c#x#1:y#…`. The ledger key is the last part of its
 * key, so it needs no prefix (and keeping it as it was keeps every stored "already sent").
 *
 * The items of the design before the sign-in log (`USER#…`/`STATE` and `ACTIVITY#…`) are no longer
 * read or written; they carry a TTL and expire by themselves.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { LoggedSignIn } from '../../sign-ins';
import { COMPARE_STATUSES, type Knowledge, type UpstreamFindings } from '../../upstream';
import {
  array,
  boolean,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  type Shape,
  ShapeError,
  string,
} from './json-shape';

const DAY_MS = 86_400_000;

export interface ItemKey {
  pk: string;
  sk: string;
}

export type Item = Record<string, unknown>;

/** A stored item that does not have the shape its key promises. */
export class BadItemError extends Error {
  constructor(
    readonly key: ItemKey,
    reason: string,
  ) {
    super(`bad item ${key.pk} / ${key.sk}: ${reason}`);
    this.name = 'BadItemError';
  }
}

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  };
}

/** TTL value (epoch seconds) for an item written at `atMs` and kept `retentionDays`. */
export function expiresAt(atMs: number, retentionDays: number): number {
  return Math.floor(atMs / 1000) + Math.round(retentionDays * 86_400);
}

/** `<length>:<value>`: unambiguous whatever the value contains. */
export function keyPart(value: string): string {
  return `${value.length}:${value}`;
}

/** Reads an item's fields, each checked against the type it must have. */
class ItemReader {
  readonly key: ItemKey;

  constructor(private readonly item: Item) {
    const { pk, sk } = item;
    this.key = { pk: typeof pk === 'string' ? pk : String(pk), sk: typeof sk === 'string' ? sk : String(sk) };
  }

  private fail(field: string, expected: string): never {
    throw new BadItemError(this.key, `${field} must be ${expected}, got ${JSON.stringify(this.item[field])}`);
  }

  string(field: string): string {
    const value = this.item[field];
    return typeof value === 'string' && value !== '' ? value : this.fail(field, 'a non-empty string');
  }

  optionalString(field: string): string | undefined {
    return this.item[field] === undefined ? undefined : this.string(field);
  }

  number(field: string): number {
    const value = this.item[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : this.fail(field, 'a number');
  }

  optionalNumber(field: string): number | undefined {
    return this.item[field] === undefined ? undefined : this.number(field);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.item[field];
    return (allowed as readonly unknown[]).includes(value)
      ? (value as T)
      : this.fail(field, `one of ${allowed.join(', ')}`);
  }

  present(field: string): unknown {
    const value = this.item[field];
    return value === undefined ? this.fail(field, 'present') : value;
  }
}

// --- sign-in log ---------------------------------------------------------------------------------

function utcDay(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 10);
}

export function signInPartition(userPoolId: string, dayMs: number): string {
  return `SIGNIN#${keyPart(userPoolId)}#${utcDay(dayMs)}`;
}

export function signInKey(signIn: LoggedSignIn): ItemKey {
  return {
    pk: signInPartition(signIn.userPoolId, signIn.at),
    sk: [
      new Date(signIn.at).toISOString(),
      keyPart(signIn.clientId),
      keyPart(signIn.user),
      signIn.triggerSource,
    ].join('#'),
  };
}

/** Sort-key bounds of the sign-ins with `from <= at <= to` inside one day partition. */
export function signInRange(from: number, to: number): { from: string; to: string } {
  // '~' sorts after every '#<client>#<user>#<source>' suffix of the last millisecond.
  return { from: new Date(from).toISOString(), to: `${new Date(to).toISOString()}~` };
}

/** Start of each UTC day touched by [from, to]. */
export function daysCovering(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day <= to; day += DAY_MS) days.push(day);
  return days;
}

export function encodeSignIn(signIn: LoggedSignIn, retentionDays: number): ItemKey & Item {
  return { ...signInKey(signIn), ...signIn, expiresAt: expiresAt(signIn.at, retentionDays) };
}

export function decodeSignIn(item: Item): LoggedSignIn {
  const read = new ItemReader(item);
  const username = read.optionalString('username');
  const email = read.optionalString('email');
  return {
    at: read.number('at'),
    kind: read.oneOf('kind', ['login', 'refresh'] as const),
    triggerSource: read.string('triggerSource'),
    userPoolId: read.string('userPoolId'),
    clientId: read.string('clientId'),
    user: read.string('user'),
    ...(username === undefined ? {} : { username }),
    ...(email === undefined ? {} : { email }),
  };
}

// --- notification ledger -------------------------------------------------------------------------

export function ledgerKey(key: string): ItemKey {
  return { pk: `NOTIFY#${key}`, sk: 'LEDGER' };
}

export interface LedgerItem {
  /** The last confirmed state, as stored (its shape belongs to the caller of the ledger). */
  state: unknown;
  version: number;
}

export function decodeLedger(item: Item | undefined): LedgerItem {
  if (item === undefined) return { state: null, version: 0 };
  const read = new ItemReader(item);
  // A claim that was released before any confirm leaves version 0 and no state.
  return { state: item.state ?? null, version: read.number('version') };
}

// --- upstream watcher ----------------------------------------------------------------------------

export const UPSTREAM_KNOWLEDGE_KEY: ItemKey = { pk: 'UPSTREAM#knowledge', sk: 'STATE' };
export const UPSTREAM_REPORT_KEY: ItemKey = { pk: 'UPSTREAM#report', sk: 'LATEST' };

/** Bumped when the knowledge format changes: an item of another schema is ignored, not misread. */
export const UPSTREAM_KNOWLEDGE_SCHEMA = 1;

export function encodeUpstreamKnowledge(knowledge: unknown): Item {
  return {
    ...UPSTREAM_KNOWLEDGE_KEY,
    schema: UPSTREAM_KNOWLEDGE_SCHEMA,
    knowledge: JSON.stringify(knowledge),
  };
}

const KNOWLEDGE: Shape<Knowledge> = object({
  repos: record(
    object({
      pulls: record(
        object({
          number,
          merged: boolean,
          mergedAt: nullable(number),
          mergeCommitSha: nullable(string),
          baseRef: string,
          etag: nullable(string),
        }),
      ),
      releasePages: array(
        object({
          page: number,
          etag: nullable(string),
          hasNext: boolean,
          releases: array(
            object({ tag: string, prerelease: boolean, publishedAt: number, cherryPicks: array(number) }),
          ),
        }),
      ),
      ancestry: record(oneOf(COMPARE_STATUSES)),
      commitCherryPicks: optional(record(array(number))),
    }),
  ),
});

const UPSTREAM_REPORT: Shape<UpstreamFindings> = object({
  deployedVersion: nullable(string),
  checkedAt: number,
  fixes: array(
    object({
      id: string,
      title: string,
      merged: boolean,
      fixedIn: array(string),
      fixedInPrerelease: array(string),
      deployedHasFix: nullable(boolean),
      upgradeTo: nullable(string),
      advice: optional(string),
    }),
  ),
});

/** A JSON value of the item checked against its shape; a mismatch names the key and the path. */
function checked<T>(key: ItemKey, shape: Shape<T>, value: unknown, name: string): T {
  try {
    return shape(value, name);
  } catch (error) {
    if (error instanceof ShapeError) throw new BadItemError(key, error.message);
    throw error;
  }
}

/** The stored knowledge, validated, or `undefined` when absent or of another schema. */
export function decodeUpstreamKnowledge(item: Item | undefined): Knowledge | undefined {
  if (item === undefined || item.schema !== UPSTREAM_KNOWLEDGE_SCHEMA) return undefined;
  const text = new ItemReader(item).string('knowledge');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BadItemError(UPSTREAM_KNOWLEDGE_KEY, `knowledge is not JSON (${(error as Error).message})`);
  }
  return checked(UPSTREAM_KNOWLEDGE_KEY, KNOWLEDGE, parsed, 'knowledge');
}

export function encodeUpstreamFindings(report: { checkedAt: number }, retentionDays: number): Item {
  return { ...UPSTREAM_REPORT_KEY, report, expiresAt: expiresAt(report.checkedAt, retentionDays) };
}

/** The stored report, validated, and its expiry (epoch seconds), or `undefined` when absent. */
export function decodeUpstreamFindings(
  item: Item | undefined,
): { report: UpstreamFindings; expiresAt: number } | undefined {
  if (item === undefined) return undefined;
  const read = new ItemReader(item);
  const report = checked(UPSTREAM_REPORT_KEY, UPSTREAM_REPORT, read.present('report'), 'report');
  return { report, expiresAt: read.number('expiresAt') };
}
