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
import * as v from 'valibot';
import { finiteNumber, nonEmptyString, oneOf, parseWith } from '../../shared/validation';
import type { LoggedSignIn } from '../../sign-ins';
import { COMPARE_STATUSES, type Knowledge, type UpstreamFindings } from '../../upstream';

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

function keyOf(item: Item): ItemKey {
  const { pk, sk } = item;
  return { pk: typeof pk === 'string' ? pk : String(pk), sk: typeof sk === 'string' ? sk : String(sk) };
}

/** The item (or one of its fields, `root`) as the schema's output; a mismatch names the key and the path. */
function decodeItem<S extends v.GenericSchema>(
  schema: S,
  item: Item,
  value: unknown = item,
  root = '',
): v.InferOutput<S> {
  return parseWith(schema, value, (message) => new BadItemError(keyOf(item), message), root);
}

// --- schema versions -----------------------------------------------------------------------------

/**
 * The layout version every sign-in and ledger item is written with (`schema`). Items without one were
 * written before versions existed (layout 0, kept in test/fixtures/stored-state/layout-0.json) and are
 * read as they are; an item of a newer layout is refused, never misread (a rollback after a layout
 * change says so instead of forgetting or re-posting). docs/architecture.md, "Storage".
 */
export const STORED_SCHEMA = 1;

/** The item's layout version (0 for an item from before versions); a newer one is a BadItemError. */
const SCHEMA_VERSION = v.object({ schema: v.optional(finiteNumber, 0) });

export function storedSchema(item: Item): number {
  const { schema } = decodeItem(SCHEMA_VERSION, item);
  if (schema > STORED_SCHEMA) {
    throw new BadItemError(
      keyOf(item),
      `written by a newer layout (schema ${schema}); this version reads up to ${STORED_SCHEMA}`,
    );
  }
  return schema;
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
  return {
    ...signInKey(signIn),
    ...signIn,
    schema: STORED_SCHEMA,
    expiresAt: expiresAt(signIn.at, retentionDays),
  };
}

const SIGN_IN = v.object({
  at: finiteNumber,
  kind: oneOf(['login', 'refresh']),
  triggerSource: nonEmptyString,
  userPoolId: nonEmptyString,
  clientId: nonEmptyString,
  user: nonEmptyString,
  username: v.optional(nonEmptyString),
  email: v.optional(nonEmptyString),
}) satisfies v.GenericSchema<unknown, LoggedSignIn>;

export function decodeSignIn(item: Item): LoggedSignIn {
  // Layouts 0 and 1 hold the same fields.
  storedSchema(item);
  const { username, email, ...signIn } = decodeItem(SIGN_IN, item);
  return {
    ...signIn,
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

const LEDGER = v.object({ state: v.optional(v.unknown()), version: finiteNumber });

export function decodeLedger(item: Item | undefined): LedgerItem {
  if (item === undefined) return { state: null, version: 0 };
  storedSchema(item);
  // A claim that was released before any confirm leaves version 0 and no state.
  const { state, version } = decodeItem(LEDGER, item);
  return { state: state ?? null, version };
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

const nullableString = v.nullable(v.string());
const nullableNumber = v.nullable(finiteNumber);

const KNOWLEDGE = v.looseObject({
  repos: v.record(
    v.string(),
    v.looseObject({
      pulls: v.record(
        v.string(),
        v.looseObject({
          number: finiteNumber,
          merged: v.boolean(),
          mergedAt: nullableNumber,
          mergeCommitSha: nullableString,
          baseRef: v.string(),
          etag: nullableString,
        }),
      ),
      releasePages: v.array(
        v.looseObject({
          page: finiteNumber,
          etag: nullableString,
          hasNext: v.boolean(),
          releases: v.array(
            v.looseObject({
              tag: v.string(),
              prerelease: v.boolean(),
              publishedAt: finiteNumber,
              cherryPicks: v.array(finiteNumber),
            }),
          ),
        }),
      ),
      ancestry: v.record(v.string(), oneOf(COMPARE_STATUSES)),
      commitCherryPicks: v.optional(v.record(v.string(), v.array(finiteNumber))),
    }),
  ),
}) satisfies v.GenericSchema<unknown, Knowledge>;

const UPSTREAM_REPORT_ITEM = v.looseObject({
  report: v.looseObject({
    deployedVersion: nullableString,
    checkedAt: finiteNumber,
    fixes: v.array(
      v.looseObject({
        id: v.string(),
        title: v.string(),
        merged: v.boolean(),
        fixedIn: v.array(v.string()),
        fixedInPrerelease: v.array(v.string()),
        deployedHasFix: v.nullable(v.boolean()),
        upgradeTo: nullableString,
        advice: v.optional(v.string()),
      }),
    ),
  }) satisfies v.GenericSchema<unknown, UpstreamFindings>,
  expiresAt: finiteNumber,
});

const KNOWLEDGE_ITEM = v.looseObject({ knowledge: nonEmptyString });

/** The stored knowledge, validated, or `undefined` when absent or of another schema. */
export function decodeUpstreamKnowledge(item: Item | undefined): Knowledge | undefined {
  if (item === undefined || item.schema !== UPSTREAM_KNOWLEDGE_SCHEMA) return undefined;
  const text = decodeItem(KNOWLEDGE_ITEM, item).knowledge;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BadItemError(UPSTREAM_KNOWLEDGE_KEY, `knowledge is not JSON (${(error as Error).message})`);
  }
  return decodeItem(KNOWLEDGE, item, parsed, 'knowledge');
}

export function encodeUpstreamFindings(report: { checkedAt: number }, retentionDays: number): Item {
  return { ...UPSTREAM_REPORT_KEY, report, expiresAt: expiresAt(report.checkedAt, retentionDays) };
}

/** The stored report, validated, and its expiry (epoch seconds), or `undefined` when absent. */
export function decodeUpstreamFindings(
  item: Item | undefined,
): { report: UpstreamFindings; expiresAt: number } | undefined {
  if (item === undefined) return undefined;
  const { report, expiresAt } = decodeItem(UPSTREAM_REPORT_ITEM, item);
  return { report, expiresAt };
}
