/**
 * The deploy's attach step (a CloudFormation custom resource, functions/pool-attach): on Create and
 * Update it plans against the live pool and sends the plan's one UpdateUserPool, or fails the deploy with
 * the plan's reasons having changed nothing; on Delete, and when the mode changes, our slots get back
 * what they held before we attached (in chain mode the team's function, with its version).
 */
import {
  ATTACH_MODES,
  type AttachMode,
  type AttachPlan,
  originalSlots,
  planAttach,
  planRestore,
  TRIGGER_VERSIONS,
  type TriggerVersion,
} from './domain/attach-plan';
import {
  type AttachmentState,
  decodeAttachmentState,
  encodeAttachmentState,
  NOTHING_ATTACHED,
} from './domain/attachment-state';
import type { UserPoolAdmin } from './ports/user-pool-admin';
import { describeTargetPool } from './target-pool';

export interface AttachmentProperties {
  userPoolId?: string;
  userPoolName?: string;
  functionArn: string;
  mode: AttachMode;
  version?: TriggerVersion;
  chainFunctionArn?: string;
}

export interface AttachmentRequest {
  requestType: 'Create' | 'Update' | 'Delete';
  physicalResourceId?: string;
  properties: Record<string, unknown>;
}

export type AttachmentOutcome =
  | { status: 'SUCCESS'; physicalResourceId: string; data: Record<string, string>; reason: string }
  | { status: 'FAILED'; physicalResourceId: string; reason: string };

export class AttachmentPropertiesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentPropertiesError';
  }
}

function text(properties: Record<string, unknown>, name: string): string | undefined {
  const value = properties[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new AttachmentPropertiesError(`${name} must be a string`);
  return value.trim() === '' ? undefined : value.trim();
}

export function readAttachmentProperties(properties: Record<string, unknown>): AttachmentProperties {
  const functionArn = text(properties, 'FunctionArn');
  if (functionArn === undefined) throw new AttachmentPropertiesError('FunctionArn is required');
  const mode = text(properties, 'Mode') ?? 'auto';
  if (!(ATTACH_MODES as readonly string[]).includes(mode)) {
    throw new AttachmentPropertiesError(`attachMode must be ${ATTACH_MODES.join(', ')}, got "${mode}"`);
  }
  const version = text(properties, 'Version');
  if (version !== undefined && !(TRIGGER_VERSIONS as readonly string[]).includes(version)) {
    throw new AttachmentPropertiesError(
      `preTokenGenerationVersion must be ${TRIGGER_VERSIONS.join(', ')} or empty, got "${version}"`,
    );
  }
  const userPoolId = text(properties, 'UserPoolId');
  const userPoolName = text(properties, 'UserPoolName');
  const chainFunctionArn = text(properties, 'ChainFunctionArn');
  if (userPoolId === undefined && userPoolName === undefined) {
    throw new AttachmentPropertiesError('set userPoolId (or userPoolName, when exactly one pool carries it)');
  }
  if (mode === 'chain' && chainFunctionArn === undefined) {
    throw new AttachmentPropertiesError(
      'attachMode chain needs chainFunctionArn: the function now in the Pre Token Generation slot (relogin-monitor attach --plan names it)',
    );
  }
  return {
    functionArn,
    mode: mode as AttachMode,
    ...(version === undefined ? {} : { version: version as TriggerVersion }),
    ...(userPoolId === undefined ? {} : { userPoolId }),
    ...(userPoolName === undefined ? {} : { userPoolName }),
    ...(chainFunctionArn === undefined ? {} : { chainFunctionArn }),
  };
}

function success(
  physicalResourceId: string,
  plan: AttachPlan | null,
  pool?: Record<string, unknown>,
): AttachmentOutcome {
  return {
    status: 'SUCCESS',
    physicalResourceId,
    reason: plan === null ? 'nothing to do' : `${plan.decision}: ${plan.reasons.join('; ')}`,
    data: {
      Decision: plan?.decision ?? 'none',
      Chained: plan?.chained ?? '',
      UserPoolId: typeof pool?.Id === 'string' ? pool.Id : '',
      UserPoolArn: typeof pool?.Arn === 'string' ? pool.Arn : '',
    },
  };
}

function failed(physicalResourceId: string, reasons: string[]): AttachmentOutcome {
  return {
    status: 'FAILED',
    physicalResourceId,
    reason: `The user pool was not changed: ${reasons.join('; ')}`,
  };
}

async function apply(admin: Pick<UserPoolAdmin, 'update'>, plan: AttachPlan): Promise<void> {
  if (plan.updateUserPool !== null) await admin.update(plan.updateUserPool);
}

async function attach(
  admin: UserPoolAdmin,
  properties: AttachmentProperties,
  state: AttachmentState | null,
  physicalIfFailed: string,
): Promise<AttachmentOutcome> {
  const found = await describeTargetPool(admin, { id: properties.userPoolId, name: properties.userPoolName });
  if ('refuse' in found) return failed(physicalIfFailed, [found.refuse]);
  const { pool } = found;
  const sameState = state !== null && state.userPoolId === pool.Id ? state : null;
  const original =
    sameState?.original ??
    originalSlots((pool.LambdaConfig ?? {}) as Record<string, unknown>, properties.functionArn);
  if (properties.mode === 'none') {
    const restore = planRestore(pool, properties.functionArn, original);
    if (restore.decision === 'refuse') return failed(physicalIfFailed, restore.reasons);
    await apply(admin, restore);
    return success(NOTHING_ATTACHED, restore, pool);
  }
  const plan = planAttach({
    pool,
    functionArn: properties.functionArn,
    mode: properties.mode,
    original,
    ...(properties.version === undefined ? {} : { version: properties.version }),
    ...(properties.chainFunctionArn === undefined ? {} : { expectedChained: properties.chainFunctionArn }),
  });
  if (plan.decision === 'refuse') return failed(physicalIfFailed, plan.reasons);
  await apply(admin, plan);
  return success(encodeAttachmentState({ userPoolId: String(pool.Id), original }), plan, pool);
}

async function restore(
  admin: UserPoolAdmin,
  functionArn: string,
  state: AttachmentState,
): Promise<AttachmentOutcome> {
  const pool = await admin.describe(state.userPoolId).catch((error: unknown) => {
    // A pool deleted since has nothing left to restore.
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return null;
    throw error;
  });
  if (pool === null) return success(encodeAttachmentState(state), null);
  const plan = planRestore(pool, functionArn, state.original);
  if (plan.decision === 'refuse') return failed(encodeAttachmentState(state), plan.reasons);
  await apply(admin, plan);
  return success(encodeAttachmentState(state), plan, pool);
}

export async function handleAttachmentRequest(
  admin: UserPoolAdmin,
  request: AttachmentRequest,
): Promise<AttachmentOutcome> {
  const state = decodeAttachmentState(request.physicalResourceId);
  const physical = request.physicalResourceId ?? NOTHING_ATTACHED;
  if (request.requestType === 'Delete') {
    if (state === null) return success(physical, null);
    const functionArn =
      typeof request.properties.FunctionArn === 'string' ? request.properties.FunctionArn : '';
    return restore(admin, functionArn, state);
  }
  let properties: AttachmentProperties;
  try {
    properties = readAttachmentProperties(request.properties);
  } catch (error) {
    if (error instanceof AttachmentPropertiesError) return failed(physical, [error.message]);
    throw error;
  }
  if (request.requestType === 'Create' && properties.mode === 'none') return success(NOTHING_ATTACHED, null);
  // Another pool than the one attached to: attach there (new physical id); CloudFormation then deletes
  // the old resource, which restores the old pool.
  return attach(admin, properties, state, physical);
}
