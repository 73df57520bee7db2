/** The attach step's resources as serverless.yml resolves them from the deploy parameters. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Resolve = (name: string) => Promise<unknown>;
type Resources = { Resources: Record<string, { Properties: Record<string, unknown>; DependsOn?: string[] }> };
const load = createRequire(import.meta.url);
const poolAttachment = load('../../../infra/pool-attachment.cjs') as (c: {
  resolveVariable: Resolve;
}) => Promise<Resources>;
const chainedFunctionArn = load('../../../infra/chained-function-arn.cjs') as (c: {
  resolveVariable: Resolve;
}) => Promise<string>;

const TEAM = 'arn:aws:lambda:eu-west-1:111122223333:function:team-groups-claim';
/** serverless.yml's defaults. */
const defaults = {
  userPoolName: 'argocd-users',
  userPoolId: '',
  attachMode: 'auto',
  chainFunctionArn: '',
  attachPreTokenGeneration: '',
  attachPostAuthentication: '',
  preTokenGenerationVersion: '',
};

function resolver(params: Record<string, unknown>): { resolveVariable: Resolve } {
  const all: Record<string, unknown> = { ...defaults, ...params, 'self:service': 'svc', 'sls:stage': 'ci' };
  return {
    resolveVariable: async (name) => {
      const key = name.replace(/^param:/, '');
      if (!(key in all)) throw new Error(`unexpected variable ${name}`);
      return all[key];
    },
  };
}

describe('Module: infra/pool-attachment.cjs', () => {
  it('should attach in mode auto by default, after the permission Cognito needs, finding the pool by name', async () => {
    const { Resources } = await poolAttachment(resolver({}));
    expect(Resources.PoolAttachment).toMatchObject({
      DependsOn: ['AuthEventCognitoPermission'],
      Properties: { Mode: 'auto', UserPoolName: 'argocd-users', UserPoolId: '', ChainFunctionArn: '' },
    });
    expect(Resources.AuthEventChainPolicy).toBeUndefined();
    expect(await chainedFunctionArn(resolver({ chainFunctionArn: TEAM }))).toBe('');
  });

  it('should let the trigger invoke the chained function, and only in chain mode', async () => {
    const params = { attachMode: 'chain', chainFunctionArn: TEAM, userPoolId: 'eu-west-1_X' };
    const { Resources } = await poolAttachment(resolver(params));
    expect(Resources.PoolAttachment?.Properties).toMatchObject({
      Mode: 'chain',
      ChainFunctionArn: TEAM,
      UserPoolName: '',
    });
    expect(JSON.stringify(Resources.AuthEventChainPolicy)).toContain(TEAM);
    expect(await chainedFunctionArn(resolver(params))).toBe(TEAM);
    await expect(poolAttachment(resolver({ attachMode: 'chain' }))).rejects.toThrow(
      'attachMode=chain needs chainFunctionArn',
    );
  });

  it('should grant no invoke permission in mode none: the team code attaches the trigger', async () => {
    const { Resources } = await poolAttachment(resolver({ attachMode: 'none' }));
    expect(Resources.AuthEventCognitoPermission).toBeUndefined();
    expect(Resources.PoolAttachment?.DependsOn).toBeUndefined();
  });

  it('should map the replaced parameters where they mean one mode and name the replacement otherwise', async () => {
    const mode = async (params: Record<string, unknown>) =>
      (await poolAttachment(resolver(params))).Resources.PoolAttachment?.Properties.Mode;
    expect(await mode({ attachPreTokenGeneration: 'false' })).toBe('post-authentication');
    expect(await mode({ attachPreTokenGeneration: true, attachPostAuthentication: 'auto' })).toBe('auto');
    await expect(mode({ attachPostAuthentication: 'true' })).rejects.toThrow(
      'was replaced by attachMode=auto',
    );
    await expect(
      mode({ attachPreTokenGeneration: 'false', attachPostAuthentication: 'false' }),
    ).rejects.toThrow('is now attachMode=none');
    await expect(
      mode({ attachPreTokenGeneration: 'false', attachMode: 'chain', chainFunctionArn: TEAM }),
    ).rejects.toThrow('replaced by attachMode');
    await expect(mode({ attachMode: 'replace' })).rejects.toThrow(
      'attachMode must be auto, chain, none, post-authentication',
    );
    await expect(mode({ preTokenGenerationVersion: 'V2' })).rejects.toThrow(
      'preTokenGenerationVersion must be V1_0',
    );
  });
});
