import { describe, expect, it } from 'vitest';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import {
  type AttachRequest,
  choosePool,
  originalSlots,
  planAttach,
  planRestore,
} from '../../../src/adoption';

const OURS = 'arn:aws:lambda:ap-northeast-1:111122223333:function:argocd-relogin-monitor-prod-authEvent';
const TEAM = 'arn:aws:lambda:ap-northeast-1:111122223333:function:team-groups-claim';

/** The fixture pool (the team's groups-claim function in the slot), with LambdaConfig replaced. */
function pool(
  lambdaConfig?: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { UserPool } = cognitoFixture('describe-user-pool') as { UserPool: Record<string, unknown> };
  return { ...UserPool, ...(lambdaConfig === undefined ? {} : { LambdaConfig: lambdaConfig }), ...extra };
}

function freePool(): Record<string, unknown> {
  const {
    PreTokenGeneration: _a,
    PreTokenGenerationConfig: _b,
    ...rest
  } = pool().LambdaConfig as Record<string, unknown>;
  return pool(rest);
}

function plan(overrides: Partial<AttachRequest>) {
  return planAttach({ pool: pool(), functionArn: OURS, mode: 'auto', ...overrides });
}

describe('Function: planAttach', () => {
  it('should refuse auto when the slot holds the team function, naming it and the choices', () => {
    const result = plan({});
    expect(result.decision).toBe('refuse');
    expect(result.reasons[0]).toContain(TEAM);
    expect(result.reasons[0]).toContain('--mode chain');
    expect(result.updateUserPool).toBeNull();
    expect(result.lambdaConfig.after).toEqual(result.lambdaConfig.before);
  });

  it('should attach V1_0 to a free slot with every settable field carried and no read-only one', () => {
    const described = freePool();
    const result = planAttach({ pool: described, functionArn: OURS, mode: 'auto' });
    expect(result.decision).toBe('attach');
    const request = result.updateUserPool as Record<string, unknown>;
    const { LambdaConfig: sent, ...rest } = request;
    const { LambdaConfig: had, Id, Name, ...describedRest } = described;
    for (const readOnly of ['Arn', 'CreationDate', 'LastModifiedDate', 'EstimatedNumberOfUsers', 'Domain']) {
      expect(rest).not.toHaveProperty(readOnly);
      delete describedRest[readOnly];
    }
    for (const readOnly of ['SchemaAttributes', 'UsernameAttributes', 'UsernameConfiguration'])
      delete describedRest[readOnly];
    // The deprecated alias UpdateUserPool refuses beside TemporaryPasswordValidityDays (both 7 here).
    describedRest.AdminCreateUserConfig = { AllowAdminCreateUserOnly: true };
    expect(rest).toEqual({ UserPoolId: Id, PoolName: Name, ...describedRest });
    expect(sent).toEqual({
      ...(had as Record<string, unknown>),
      PreTokenGenerationConfig: { LambdaVersion: 'V1_0', LambdaArn: OURS },
    });
  });

  it('should keep every other trigger byte for byte, custom senders and KMS key included', () => {
    const described = freePool();
    const result = planAttach({ pool: described, functionArn: OURS, mode: 'auto' });
    const had = described.LambdaConfig as Record<string, unknown>;
    const after = result.lambdaConfig.after;
    for (const field of Object.keys(had))
      expect(JSON.stringify(after[field])).toBe(JSON.stringify(had[field]));
  });

  it('should be unchanged, with no request, when ours already holds the slot with that version', () => {
    const attached = planAttach({ pool: freePool(), functionArn: OURS, mode: 'auto' });
    const again = planAttach({
      pool: pool(attached.lambdaConfig.after),
      functionArn: OURS,
      mode: 'auto',
    });
    expect(again).toMatchObject({ decision: 'unchanged', updateUserPool: null });
  });

  it('should change only the version when ours holds the slot with another one', () => {
    const attached = planAttach({ pool: freePool(), functionArn: OURS, mode: 'auto' });
    const result = planAttach({
      pool: pool(attached.lambdaConfig.after),
      functionArn: OURS,
      mode: 'auto',
      version: 'V2_0',
    });
    expect(result.decision).toBe('attach');
    expect(result.lambdaConfig.after.PreTokenGenerationConfig).toEqual({
      LambdaVersion: 'V2_0',
      LambdaArn: OURS,
    });
  });

  it('should refuse V2_0 and V3_0 on the Lite plan or when the plan is not stated', () => {
    for (const tier of ['LITE', undefined]) {
      const described = { ...freePool(), UserPoolTier: tier };
      if (tier === undefined) delete described.UserPoolTier;
      const result = planAttach({ pool: described, functionArn: OURS, mode: 'auto', version: 'V3_0' });
      expect(result.decision).toBe('refuse');
      expect(result.reasons[0]).toContain('Essentials or Plus');
    }
  });

  it('should chain the team function keeping its version, and both fields naming ours', () => {
    const result = plan({ mode: 'chain' });
    expect(result).toMatchObject({ decision: 'attach', chained: TEAM });
    expect(result.lambdaConfig.after.PreTokenGenerationConfig).toEqual({
      LambdaVersion: 'V1_0',
      LambdaArn: OURS,
    });
    expect(result.lambdaConfig.after.PreTokenGeneration).toBe(OURS);
  });

  it('should refuse to chain with a version other than the chained function runs as', () => {
    const result = plan({ mode: 'chain', version: 'V2_0' });
    expect(result.decision).toBe('refuse');
    expect(result.reasons[0]).toContain('runs as V1_0 but V2_0 was asked for');
  });

  it('should refuse to chain a function other than the one the stack is set to call', () => {
    const result = plan({ mode: 'chain', expectedChained: `${TEAM}-other` });
    expect(result.decision).toBe('refuse');
  });

  it('should refuse to chain a free slot', () => {
    expect(planAttach({ pool: freePool(), functionArn: OURS, mode: 'chain' }).decision).toBe('refuse');
  });

  it('should keep the chain unchanged on the next deploy when the original is known', () => {
    const first = plan({ mode: 'chain' });
    const original = originalSlots(pool().LambdaConfig as Record<string, unknown>, OURS);
    const next = planAttach({
      pool: pool(first.lambdaConfig.after),
      functionArn: OURS,
      mode: 'chain',
      original,
    });
    expect(next).toMatchObject({ decision: 'unchanged', chained: TEAM, updateUserPool: null });
  });

  it('should give the team function its slot back when the mode changes from chain to post-authentication', () => {
    const first = plan({ mode: 'chain' });
    const original = originalSlots(pool().LambdaConfig as Record<string, unknown>, OURS);
    const next = planAttach({
      pool: pool(first.lambdaConfig.after),
      functionArn: OURS,
      mode: 'post-authentication',
      original,
    });
    expect(next.decision).toBe('attach');
    expect(next.lambdaConfig.after).toEqual({ ...(pool().LambdaConfig as object), PostAuthentication: OURS });
  });

  it('should attach post-authentication beside the team Pre Token Generation function', () => {
    const result = plan({ mode: 'post-authentication' });
    expect(result.decision).toBe('attach');
    expect(result.lambdaConfig.after.PreTokenGenerationConfig).toEqual(
      result.lambdaConfig.before.PreTokenGenerationConfig,
    );
  });

  it('should refuse post-authentication when that slot is taken', () => {
    const result = planAttach({
      pool: pool({ PostAuthentication: TEAM }),
      functionArn: OURS,
      mode: 'post-authentication',
    });
    expect(result.decision).toBe('refuse');
  });

  it('should send nothing in mode none and show what the team code must attach', () => {
    const taken = plan({ mode: 'none' });
    expect(taken).toMatchObject({ decision: 'none', updateUserPool: null });
    expect(taken.lambdaConfig.after.PostAuthentication).toBe(OURS);
    const free = planAttach({ pool: freePool(), functionArn: OURS, mode: 'none' });
    expect(free.lambdaConfig.after.PreTokenGenerationConfig).toEqual({
      LambdaVersion: 'V1_0',
      LambdaArn: OURS,
    });
  });

  it('should refuse a description with a field it cannot classify, naming it', () => {
    const result = planAttach({
      pool: pool(undefined, { BrandNewSetting: { On: true } }),
      functionArn: OURS,
      mode: 'auto',
    });
    expect(result.decision).toBe('refuse');
    expect(result.reasons[0]).toContain('"BrandNewSetting"');
  });

  it('should refuse an unknown trigger field and a malformed slot', () => {
    const unknown = planAttach({ pool: pool({ PreFlight: TEAM }), functionArn: OURS, mode: 'auto' });
    expect(unknown.reasons[0]).toContain('unknown trigger field "PreFlight"');
    const malformed = planAttach({
      pool: pool({ PreTokenGenerationConfig: { LambdaArn: TEAM, LambdaVersion: 'V9' } }),
      functionArn: OURS,
      mode: 'auto',
    });
    expect(malformed.decision).toBe('refuse');
    const notAnObject = planAttach({
      pool: pool(undefined, { LambdaConfig: 'x' }),
      functionArn: OURS,
      mode: 'auto',
    });
    expect(notAnObject.decision).toBe('refuse');
    const noId = planAttach({ pool: { Name: 'x' }, functionArn: OURS, mode: 'auto' });
    expect(noId.reasons).toContain('the description has no user pool Id');
  });

  it('should tell every problem of a malformed description, each naming its field', () => {
    const result = planAttach({
      pool: pool(
        { PreTokenGenerationConfig: { LambdaArn: TEAM, LambdaVersion: 'V9' }, PreSignUp: 7, PreFlight: TEAM },
        { Name: 5, 'Brand\u001b[31m': true },
      ),
      functionArn: OURS,
      mode: 'auto',
    });
    expect(result).toMatchObject({ decision: 'refuse', updateUserPool: null });
    expect(result.reasons).toEqual([
      'LambdaConfig.PreSignUp must be a string, got 7',
      'LambdaConfig.PreTokenGenerationConfig.LambdaVersion must be one of V1_0, V2_0, V3_0, got "V9"',
      'LambdaConfig has an unknown trigger field "PreFlight": the plan cannot keep it, so it changes nothing',
      'Name must be a string, got 5',
      // Shown escaped: no raw control character reaches the plan's output.
      'the description has a field "Brand\\\\u001b[31m" the plan does not know: UpdateUserPool might reset it',
    ]);
    const emptySlot = planAttach({
      pool: pool({ PreTokenGenerationConfig: {} }),
      functionArn: OURS,
      mode: 'auto',
    });
    expect(emptySlot.reasons).toEqual([
      'LambdaConfig.PreTokenGenerationConfig.LambdaArn is missing',
      'LambdaConfig.PreTokenGenerationConfig.LambdaVersion is missing',
    ]);
  });

  it('should refuse where the temporary-password validity and its deprecated alias differ', () => {
    const described = {
      ...freePool(),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3 },
    };
    const result = planAttach({ pool: described, functionArn: OURS, mode: 'auto' });
    expect(result.decision).toBe('refuse');
    expect(result.reasons[0]).toContain(
      'UnusedAccountValidityDays (3) differs from PasswordPolicy.TemporaryPasswordValidityDays (7)',
    );
  });
});

describe('Function: planRestore', () => {
  it('should give every slot back what it held and leave other triggers alone', () => {
    const before = pool().LambdaConfig as Record<string, unknown>;
    const chained = plan({ mode: 'chain' });
    const changedSince = {
      ...chained.lambdaConfig.after,
      CustomMessage: 'arn:aws:lambda:x:1:function:new-messages',
    };
    const result = planRestore(pool(changedSince), OURS, originalSlots(before, OURS));
    expect(result.decision).toBe('restore');
    expect(result.lambdaConfig.after).toEqual({
      ...before,
      CustomMessage: 'arn:aws:lambda:x:1:function:new-messages',
    });
  });

  it('should not touch a slot someone else has taken since', () => {
    const result = planRestore(pool(), OURS, { preTokenGeneration: null, postAuthentication: null });
    expect(result).toMatchObject({ decision: 'unchanged', updateUserPool: null });
  });
});

describe('Function: choosePool', () => {
  const pools = [
    { id: 'eu-west-1_a', name: 'argocd-users' },
    { id: 'eu-west-1_b', name: 'argocd-users' },
    { id: 'eu-west-1_c', name: 'other' },
  ];

  it('should refuse a name two pools share, listing their ids', () => {
    expect(choosePool(pools, { name: 'argocd-users' })).toEqual({
      refuse: '2 user pools are named "argocd-users" (eu-west-1_a, eu-west-1_b): give the id',
    });
  });

  it('should refuse a name that matches nothing and an id whose name differs', () => {
    expect(choosePool(pools, { name: 'nope' })).toHaveProperty('refuse');
    expect(choosePool(pools, { id: 'eu-west-1_c', name: 'argocd-users' })).toHaveProperty('refuse');
  });

  it('should pick the one pool an id or a unique name means', () => {
    expect(choosePool(pools, { id: 'eu-west-1_b' })).toEqual({ id: 'eu-west-1_b' });
    expect(choosePool(pools, { name: 'other' })).toEqual({ id: 'eu-west-1_c' });
  });
});
