/** The re-login check's schedule as serverless.yml resolves it: only with both the pool id and client ids. */
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
    ['neither is set', { userPoolId: '', argocdClientIds: '' }],
    ['only the pool id is set', { userPoolId: 'eu-west-1_abc', argocdClientIds: '' }],
    ['only the client ids are set', { userPoolId: '', argocdClientIds: 'client-1' }],
    ['the pool id is blank', { userPoolId: '  ', argocdClientIds: 'client-1' }],
  ])('should deploy the check without a schedule when %s', async (_case, params) => {
    expect(await resolveWith({ ...params, reloginCheckSchedule: 'rate(1 hour)' })).toEqual([]);
  });

  it('should schedule the check when both are set', async () => {
    const events = await resolveWith({
      userPoolId: 'eu-west-1_abc',
      argocdClientIds: 'client-1,client-2',
      reloginCheckSchedule: 'rate(30 minutes)',
    });
    expect(events).toEqual([{ schedule: 'rate(30 minutes)' }]);
  });
});
