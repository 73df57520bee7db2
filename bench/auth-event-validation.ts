/**
 * The sign-in trigger's parse of a Cognito event: the hand-written `classifyAuthEvent` against the
 * same checks as a valibot schema (the project's validation library everywhere else), over realistic
 * and malformed events, interleaved in one process. Decides whether the hot path keeps its own check
 * (docs/architecture.md#validation-of-outside-data). `npx tsx bench/auth-event-validation.ts`
 */
import * as v from 'valibot';
import { nonEmptyString, parseWith } from '../src/shared/validation';
import { classifyAuthEvent, InvalidAuthEventError } from '../src/sign-ins';

const REALISTIC = {
  version: '1',
  triggerSource: 'TokenGeneration_HostedAuth',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_bench',
  userName: 'alice',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'argocdclient0example0000001' },
  request: {
    userAttributes: { sub: '0b6c3a5e-1111-4f3a-9c1e-000000000001', email: 'alice@example.com' },
    groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
  },
  response: { claimsOverrideDetails: null },
};
const MALFORMED = [
  { ...REALISTIC, version: '9' },
  { ...REALISTIC, callerContext: 'x' },
  { ...REALISTIC, userPoolId: '' },
  { ...REALISTIC, userName: undefined, request: { userAttributes: {} } },
];

const optionalText = v.optional(v.unknown());
/** The checks `classifyAuthEvent` makes, as a schema. */
const AUTH_EVENT = v.pipe(
  v.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  ),
  v.object({
    version: v.picklist(['0', '1', '2', '3']),
    triggerSource: nonEmptyString,
    userPoolId: nonEmptyString,
    callerContext: v.object({ clientId: nonEmptyString }),
    userName: optionalText,
    request: v.optional(v.unknown()),
  }),
);

function withValibot(event: unknown): string {
  const parsed = parseWith(AUTH_EVENT, event, (message) => new InvalidAuthEventError(message));
  const request = parsed.request as { userAttributes?: { sub?: unknown } } | undefined;
  const user = request?.userAttributes?.sub ?? parsed.userName;
  if (typeof user !== 'string' || user === '') throw new InvalidAuthEventError('no user');
  return user;
}

function handWritten(event: unknown): unknown {
  return classifyAuthEvent(event, new Set());
}

/** Nanoseconds per call, the median of rounds interleaved with the other variant. */
function nsPerCall(variants: Record<string, (event: unknown) => unknown>, events: unknown[], calls: number) {
  const rounds: Record<string, number[]> = Object.fromEntries(
    Object.keys(variants).map((name) => [name, []]),
  );
  for (let round = 0; round < 7; round += 1) {
    for (const [name, parse] of Object.entries(variants)) {
      const start = process.hrtime.bigint();
      for (let index = 0; index < calls; index += 1) {
        try {
          parse(events[index % events.length]);
        } catch {
          // a malformed event: the refusal is what is measured
        }
      }
      rounds[name]?.push(Number(process.hrtime.bigint() - start) / calls);
    }
  }
  return Object.fromEntries(
    Object.entries(rounds).map(([name, times]) => [name, Math.round(times.sort((a, b) => a - b)[3] ?? 0)]),
  );
}

export function benchAuthEventValidation(calls = 200_000) {
  const variants = { handWritten, valibot: withValibot };
  const realistic = nsPerCall(variants, [REALISTIC], calls);
  const malformed = nsPerCall(variants, MALFORMED, calls);
  return {
    realisticNs: realistic,
    malformedNs: malformed,
    ratioRealistic: +((realistic.valibot ?? 0) / (realistic.handWritten ?? 1)).toFixed(2),
    ratioMalformed: +((malformed.valibot ?? 0) / (malformed.handWritten ?? 1)).toFixed(2),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchAuthEventValidation()));
