/** The re-login check's schedule as serverless.yml resolves it: in every deployment. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Resolver = (context: { resolveVariable: (name: string) => Promise<unknown> }) => Promise<unknown[]>;
const reloginCheckSchedule = createRequire(import.meta.url)(
  '../../../infra/relogin-check-schedule.cjs',
) as Resolver;

function resolveWith(params: Record<string, unknown>) {
  return reloginCheckSchedule({ resolveVariable: async (name) => params[name.replace(/^param:/, '')] });
}

describe('Module: infra/relogin-check-schedule.cjs', () => {
  it.each([
    [
      'neither the pool id nor the client ids are set (the defaults)',
      { userPoolId: '', argocdClientIds: '' },
    ],
    ['only the pool id is set', { userPoolId: 'eu-west-1_abc', argocdClientIds: '' }],
    ['only the client ids are set', { userPoolId: '', argocdClientIds: 'client-1' }],
    ['both are set', { userPoolId: 'eu-west-1_abc', argocdClientIds: 'client-1,client-2' }],
  ])('should schedule the check when %s', async (_case, params) => {
    expect(await resolveWith({ ...params, reloginCheckSchedule: 'rate(30 minutes)' })).toEqual([
      { schedule: 'rate(30 minutes)' },
    ]);
  });
});
