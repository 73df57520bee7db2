/** The trigger's Cognito events as serverless.yml resolves them from the deploy parameters. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Resolver = (context: { resolveVariable: (name: string) => Promise<unknown> }) => Promise<unknown[]>;
const authEventTriggers = createRequire(import.meta.url)(
  '../../../infra/auth-event-triggers.cjs',
) as Resolver;

function resolveWith(params: Record<string, unknown>) {
  return authEventTriggers({
    resolveVariable: async (name) => {
      const key = name.replace(/^param:/, '');
      if (!(key in params)) throw new Error(`unexpected variable ${name}`);
      return params[key];
    },
  });
}

/** serverless.yml's defaults. */
const defaults = {
  userPoolName: 'team-pool',
  attachPreTokenGeneration: true,
  attachPostAuthentication: 'auto',
  preTokenGenerationVersion: 'V1_0',
};

describe('Module: infra/auth-event-triggers.cjs', () => {
  it('should attach Pre Token Generation alone to the existing pool by name by default', async () => {
    expect(await resolveWith(defaults)).toEqual([
      {
        cognitoUserPool: {
          pool: 'team-pool',
          trigger: 'PreTokenGeneration',
          existing: true,
          forceDeploy: true,
          lambdaVersion: 'V1_0',
        },
      },
    ]);
  });

  it('should attach Post Authentication instead where the Pre Token Generation slot is taken', async () => {
    expect(await resolveWith({ ...defaults, attachPreTokenGeneration: 'false' })).toEqual([
      {
        cognitoUserPool: {
          pool: 'team-pool',
          trigger: 'PostAuthentication',
          existing: true,
          forceDeploy: true,
        },
      },
    ]);
  });

  it('should refuse an attachPostAuthentication that is not auto, true or false', async () => {
    await expect(resolveWith({ ...defaults, attachPostAuthentication: 'yes' })).rejects.toThrow(
      'attachPostAuthentication must be auto, true or false, got "yes"',
    );
  });

  it('should still attach both triggers when asked to (the replay counts each sign-in once)', async () => {
    expect(await resolveWith({ ...defaults, attachPostAuthentication: true })).toEqual([
      {
        cognitoUserPool: {
          pool: 'team-pool',
          trigger: 'PreTokenGeneration',
          existing: true,
          forceDeploy: true,
          lambdaVersion: 'V1_0',
        },
      },
      {
        cognitoUserPool: {
          pool: 'team-pool',
          trigger: 'PostAuthentication',
          existing: true,
          forceDeploy: true,
        },
      },
    ]);
  });

  it('should switch each trigger off on its own, also when the parameter arrives as a string', async () => {
    const withoutPostAuthentication = await resolveWith({ ...defaults, attachPostAuthentication: 'false' });
    expect(withoutPostAuthentication).toEqual([
      expect.objectContaining({
        cognitoUserPool: expect.objectContaining({ trigger: 'PreTokenGeneration' }),
      }),
    ]);
    const withoutPreToken = await resolveWith({ ...defaults, attachPreTokenGeneration: false });
    expect(withoutPreToken).toEqual([
      expect.objectContaining({
        cognitoUserPool: expect.objectContaining({ trigger: 'PostAuthentication' }),
      }),
    ]);
  });

  it('should pass the plan-dependent versions through and refuse anything else, naming the plans', async () => {
    for (const version of ['V2_0', 'V3_0']) {
      const [preToken] = await resolveWith({ ...defaults, preTokenGenerationVersion: version });
      expect(preToken).toMatchObject({ cognitoUserPool: { lambdaVersion: version } });
    }
    await expect(resolveWith({ ...defaults, preTokenGenerationVersion: 'V2' })).rejects.toThrow(
      'preTokenGenerationVersion must be V1_0 (every Cognito plan), V2_0 or V3_0 (Essentials or Plus plan), got "V2"',
    );
  });
});
