/**
 * The attach plan: from a pool's DescribeUserPool answer, what attaching our trigger would change, as
 * the one UpdateUserPool request that does it, or why it must not. Pure: the CLI, the deploy's custom
 * resource and the simulation all print or apply the very same plan.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type LambdaConfig,
  preTokenSlot,
  readPoolDescription,
  TRIGGER_VERSIONS,
  type TriggerVersion,
  temporaryPasswordDays,
} from './pool-description';
import { CARRIED_FIELDS, RENAMED_FIELDS } from './user-pool-fields';

export { type LambdaConfig, preTokenSlot, TRIGGER_VERSIONS, type TriggerVersion };

export const ATTACH_MODES = ['auto', 'chain', 'none', 'post-authentication'] as const;
export type AttachMode = (typeof ATTACH_MODES)[number];

/** What our slots held before we attached: the deploy keeps it to restore on removal or mode change. */
export interface OriginalSlots {
  preTokenGeneration: { arn: string; version: TriggerVersion } | null;
  postAuthentication: string | null;
}

export interface AttachRequest {
  /** The `UserPool` object of a DescribeUserPool answer. */
  pool: Record<string, unknown>;
  functionArn: string;
  mode: AttachMode;
  /** The Pre Token Generation version asked for; default V1_0 (every plan), in chain mode the chained one's. */
  version?: TriggerVersion;
  /** Chain mode at deploy time: the only function the stack may chain (it invokes that one). */
  expectedChained?: string;
  /** What our slots held before an earlier attach; absent = they were free. */
  original?: OriginalSlots;
}

export type PlanDecision = 'attach' | 'unchanged' | 'refuse' | 'none' | 'restore';

export interface AttachPlan {
  decision: PlanDecision;
  reasons: string[];
  chained: string | null;
  lambdaConfig: { before: LambdaConfig; after: LambdaConfig };
  /** The full UpdateUserPool request; null when nothing is to be sent. */
  updateUserPool: Record<string, unknown> | null;
}

interface Slot {
  arn: string;
  version: TriggerVersion;
}

const PAID_TIERS = new Set(['ESSENTIALS', 'PLUS']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withPreToken(config: LambdaConfig, slot: Slot | null, keepLegacy: boolean): LambdaConfig {
  // Cognito wants both fields to name the same function when both are set. Fields keep their places.
  const wanted: LambdaConfig =
    slot === null
      ? {}
      : {
          ...(keepLegacy ? { PreTokenGeneration: slot.arn } : {}),
          PreTokenGenerationConfig: { LambdaVersion: slot.version, LambdaArn: slot.arn },
        };
  return withFields(config, wanted, ['PreTokenGeneration', 'PreTokenGenerationConfig']);
}

/** `config` with `fields` removed and `wanted` set, each field where it was, new ones at the end. */
function withFields(config: LambdaConfig, wanted: LambdaConfig, fields: readonly string[]): LambdaConfig {
  const result: LambdaConfig = {};
  for (const [field, value] of Object.entries(config)) {
    if (!fields.includes(field)) result[field] = value;
    else if (field in wanted) result[field] = wanted[field];
  }
  for (const [field, value] of Object.entries(wanted)) if (!(field in result)) result[field] = value;
  return result;
}

function withPostAuthentication(config: LambdaConfig, arn: string | null): LambdaConfig {
  return withFields(config, arn === null ? {} : { PostAuthentication: arn }, ['PostAuthentication']);
}

/** What the pool's slots held before we attached, read from a configuration we have not touched yet. */
export function originalSlots(config: LambdaConfig, functionArn: string): OriginalSlots {
  const slot = preTokenSlot(config);
  const post = config.PostAuthentication;
  return {
    preTokenGeneration: slot !== null && slot.arn !== functionArn ? slot : null,
    postAuthentication: typeof post === 'string' && post !== functionArn ? post : null,
  };
}

/** The configuration as it was before we attached: each slot holding our function gets its original back. */
export function withoutOurs(
  config: LambdaConfig,
  functionArn: string,
  original?: OriginalSlots,
): LambdaConfig {
  let result = config;
  if (preTokenSlot(config)?.arn === functionArn) {
    result = withPreToken(result, original?.preTokenGeneration ?? null, 'PreTokenGeneration' in config);
  }
  if (config.PostAuthentication === functionArn) {
    result = withPostAuthentication(result, original?.postAuthentication ?? null);
  }
  return result;
}

const CHOICES =
  'choose --mode chain (ours takes the slot and calls yours with the very event, returning its answer), ' +
  '--mode post-authentication (sign-ins only, refreshes from Cognito metrics), --mode none (your Terraform or ' +
  'CloudFormation attaches it) or the embeddable recorder in your own function (docs/adopting.md)';

function describeSlot(slot: Slot): string {
  return `${slot.arn} (${slot.version})`;
}

type Target = { after: LambdaConfig; chained: string | null } | { refuse: string[] };

function target(request: AttachRequest, baseline: LambdaConfig): Target {
  const { functionArn, mode } = request;
  const slot = preTokenSlot(baseline);
  const keepLegacy = 'PreTokenGeneration' in baseline;
  switch (mode) {
    case 'auto':
    case 'none': {
      if (slot === null) {
        return {
          after: withPreToken(baseline, { arn: functionArn, version: request.version ?? 'V1_0' }, keepLegacy),
          chained: null,
        };
      }
      return {
        refuse: [
          `the Pre Token Generation slot holds another function, ${describeSlot(slot)}: attaching would replace it ` +
            `(a groups claim it adds would be gone); ${CHOICES}`,
        ],
      };
    }
    case 'chain': {
      if (slot === null) {
        return {
          refuse: ['the Pre Token Generation slot is free: there is no function to chain; use --mode auto'],
        };
      }
      const reasons: string[] = [];
      if (request.version !== undefined && request.version !== slot.version) {
        reasons.push(
          `the chained function ${slot.arn} runs as ${slot.version} but ${request.version} was asked for: ` +
            `its answers are shaped for ${slot.version}, so the version is kept (leave --version out)`,
        );
      }
      if (request.expectedChained !== undefined && request.expectedChained !== slot.arn) {
        reasons.push(
          `the Pre Token Generation slot holds ${slot.arn}, not the function this stack is set to chain ` +
            `(${request.expectedChained})`,
        );
      }
      if (reasons.length > 0) return { refuse: reasons };
      return {
        after: withPreToken(baseline, { arn: functionArn, version: slot.version }, keepLegacy),
        chained: slot.arn,
      };
    }
    case 'post-authentication': {
      const post = baseline.PostAuthentication;
      if (typeof post === 'string') {
        return {
          refuse: [
            `the Post Authentication slot holds another function, ${post}: attaching would replace it; ` +
              'use --mode none or the embeddable recorder',
          ],
        };
      }
      return { after: withPostAuthentication(baseline, functionArn), chained: null };
    }
  }
}

function tierProblem(
  pool: Record<string, unknown>,
  after: LambdaConfig,
  before: LambdaConfig,
): string | null {
  const slot = preTokenSlot(after);
  if (slot === null || slot.version === 'V1_0' || isDeepStrictEqual(preTokenSlot(before), slot)) return null;
  const tier = pool.UserPoolTier;
  if (typeof tier === 'string' && PAID_TIERS.has(tier)) return null;
  return (
    `Pre Token Generation ${slot.version} needs the Essentials or Plus feature plan, and the pool's plan is ` +
    `${typeof tier === 'string' ? tier : 'not stated in the description'}: use --version V1_0 (it sees refreshes too)`
  );
}

function withoutDuplicateAlias(pool: Record<string, unknown>): Record<string, unknown> {
  const { alias, policy } = temporaryPasswordDays(pool);
  if (alias === undefined || policy === undefined) return pool;
  const { UnusedAccountValidityDays: _alias, ...admin } = pool.AdminCreateUserConfig as Record<
    string,
    unknown
  >;
  return { ...pool, AdminCreateUserConfig: admin };
}

/** The full UpdateUserPool request: every settable field as described, only LambdaConfig replaced. */
export function updateRequest(
  described: Record<string, unknown>,
  lambdaConfig: LambdaConfig,
): Record<string, unknown> {
  const pool = withoutDuplicateAlias(described);
  const request: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(RENAMED_FIELDS))
    if (pool[from] !== undefined) request[to] = pool[from];
  for (const field of CARRIED_FIELDS) if (pool[field] !== undefined) request[field] = pool[field];
  request.LambdaConfig = lambdaConfig;
  return request;
}

function refusal(before: LambdaConfig, reasons: string[]): AttachPlan {
  return {
    decision: 'refuse',
    reasons,
    chained: null,
    lambdaConfig: { before, after: before },
    updateUserPool: null,
  };
}

export function planAttach(request: AttachRequest): AttachPlan {
  const read = readPoolDescription(request.pool);
  const rawBefore = isRecord(request.pool.LambdaConfig) ? request.pool.LambdaConfig : {};
  if ('problems' in read) return refusal(rawBefore, read.problems);
  const before = read.lambdaConfig;
  if (alreadyChaining(request, before)) {
    return {
      decision: 'unchanged',
      reasons: [
        'our function already holds the Pre Token Generation slot; what it chains is set by its stack',
      ],
      chained: request.expectedChained ?? null,
      lambdaConfig: { before, after: before },
      updateUserPool: null,
    };
  }
  const baseline = withoutOurs(before, request.functionArn, request.original);
  const planned = target(request, baseline);
  if ('refuse' in planned) {
    return request.mode === 'none'
      ? noneWithTakenSlot(request, before, baseline, planned.refuse)
      : refusal(before, planned.refuse);
  }
  const tier = tierProblem(request.pool, planned.after, before);
  if (tier !== null) return refusal(before, [tier]);
  const lambdaConfig = { before, after: planned.after };
  if (request.mode === 'none') {
    return {
      decision: 'none',
      reasons: [
        'mode none: this stack touches no pool; your own Terraform or CloudFormation attaches the trigger',
      ],
      chained: null,
      lambdaConfig,
      updateUserPool: null,
    };
  }
  if (isDeepStrictEqual(planned.after, before)) {
    return {
      decision: 'unchanged',
      reasons: ['our function is already attached as planned'],
      chained: planned.chained,
      lambdaConfig,
      updateUserPool: null,
    };
  }
  return {
    decision: 'attach',
    reasons: attachReasons(request.mode, planned.chained),
    chained: planned.chained,
    lambdaConfig,
    updateUserPool: updateRequest(request.pool, planned.after),
  };
}

/** Chain mode on a pool we hold already, with no record of what we replaced: nothing to decide. */
function alreadyChaining(request: AttachRequest, before: LambdaConfig): boolean {
  const slot = preTokenSlot(before);
  return (
    request.mode === 'chain' &&
    request.original === undefined &&
    slot?.arn === request.functionArn &&
    (request.version === undefined || request.version === slot.version)
  );
}

/** Mode none where the Pre Token Generation slot is taken: the team's code attaches Post Authentication. */
function noneWithTakenSlot(
  request: AttachRequest,
  before: LambdaConfig,
  baseline: LambdaConfig,
  reasons: string[],
): AttachPlan {
  const post = baseline.PostAuthentication;
  if (typeof post === 'string')
    return refusal(before, [...reasons, `the Post Authentication slot holds ${post} too`]);
  return {
    decision: 'none',
    reasons: [
      'mode none: this stack touches no pool; the Pre Token Generation slot is taken, so your code attaches ours as Post Authentication (sign-ins only)',
    ],
    chained: null,
    lambdaConfig: { before, after: withPostAuthentication(baseline, request.functionArn) },
    updateUserPool: null,
  };
}

function attachReasons(mode: AttachMode, chained: string | null): string[] {
  if (mode === 'post-authentication') return ['the Post Authentication slot is free'];
  if (chained !== null)
    return [`ours takes the Pre Token Generation slot and calls ${chained} with every event`];
  return ['the Pre Token Generation slot is free'];
}

/** Removal or a mode change: our slots get back what they held before we attached; nothing else moves. */
export function planRestore(
  pool: Record<string, unknown>,
  functionArn: string,
  original: OriginalSlots,
): AttachPlan {
  const read = readPoolDescription(pool);
  if ('problems' in read) return refusal(isRecord(pool.LambdaConfig) ? pool.LambdaConfig : {}, read.problems);
  const before = read.lambdaConfig;
  const after = withoutOurs(before, functionArn, original);
  if (isDeepStrictEqual(after, before)) {
    return {
      decision: 'unchanged',
      reasons: ['our function holds no slot of this pool'],
      chained: null,
      lambdaConfig: { before, after },
      updateUserPool: null,
    };
  }
  return {
    decision: 'restore',
    reasons: ['the slots our function held get back what they held before we attached'],
    chained: null,
    lambdaConfig: { before, after },
    updateUserPool: updateRequest(pool, after),
  };
}

/** Which pool a name or id means, among the pools listed; refuses anything but exactly one. */
export function choosePool(
  pools: readonly { id: string; name: string }[],
  wanted: { id?: string; name?: string },
): { id: string } | { refuse: string } {
  if (wanted.id !== undefined) {
    const pool = pools.find((candidate) => candidate.id === wanted.id);
    if (pool === undefined) return { refuse: `no user pool has the id ${wanted.id}` };
    if (wanted.name !== undefined && pool.name !== wanted.name) {
      return { refuse: `user pool ${wanted.id} is named "${pool.name}", not "${wanted.name}"` };
    }
    return { id: pool.id };
  }
  const named = pools.filter((candidate) => candidate.name === wanted.name);
  const [only, ...others] = named;
  if (only === undefined) return { refuse: `no user pool is named "${wanted.name}"` };
  if (others.length > 0) {
    return {
      refuse: `${named.length} user pools are named "${wanted.name}" (${named.map((pool) => pool.id).join(', ')}): give the id`,
    };
  }
  return { id: only.id };
}
