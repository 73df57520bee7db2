/**
 * What every SignInLog must do, run against the in-memory fake (unit tier) and the DynamoDB log
 * (integration tier), so the use-case unit tests rest on the same behaviour as production.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedSignIn, SignInLog } from '../../../src/sign-ins';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const MIDNIGHT = Date.parse('2026-11-25T00:00:00Z');

function login(user: string, at: number, changes: Partial<LoggedSignIn> = {}): LoggedSignIn {
  return {
    at,
    kind: 'login',
    triggerSource: 'TokenGeneration_HostedAuth',
    userPoolId: POOL,
    clientId: CLIENT,
    user,
    username: user,
    email: `${user}@example.com`,
    ...changes,
  };
}

export function describeSignInLogContract(name: string, makeLog: () => Promise<SignInLog>) {
  describe(`Contract: SignInLog (${name})`, () => {
    it('should list nothing for a pool with nothing logged', async () => {
      const log = await makeLog();
      expect(await log.list(POOL, MIDNIGHT - 86_400_000, MIDNIGHT + 86_400_000)).toEqual([]);
    });

    it('should list each signal as it was appended, leaving out the attributes it came without', async () => {
      const log = await makeLog();
      const refresh: LoggedSignIn = {
        at: MIDNIGHT + 1_000,
        kind: 'refresh',
        triggerSource: 'TokenGeneration_RefreshTokens',
        userPoolId: POOL,
        clientId: CLIENT,
        user: 'sub-ben',
      };
      await log.append(login('ann', MIDNIGHT));
      await log.append(refresh);
      expect(await log.list(POOL, MIDNIGHT, MIDNIGHT + 2_000)).toStrictEqual([
        login('ann', MIDNIGHT),
        refresh,
      ]);
    });

    it("should list the pool's signals with from <= at < to oldest first, across UTC days", async () => {
      const log = await makeLog();
      const times = [MIDNIGHT + 5_000, MIDNIGHT - 5_000, MIDNIGHT, MIDNIGHT - 10_000, MIDNIGHT + 4_999];
      for (const [index, at] of times.entries()) await log.append(login(`user-${index}`, at));
      await log.append(login('other-pool', MIDNIGHT, { userPoolId: 'ap-northeast-1_OTHER' }));

      const listed = await log.list(POOL, MIDNIGHT - 5_000, MIDNIGHT + 5_000);

      expect(listed.map((signIn) => [signIn.user, signIn.at])).toEqual([
        ['user-1', MIDNIGHT - 5_000],
        ['user-2', MIDNIGHT],
        ['user-4', MIDNIGHT + 4_999],
      ]);
    });

    it('should list nothing for an empty window (to <= from)', async () => {
      const log = await makeLog();
      await log.append(login('ann', MIDNIGHT));
      expect(await log.list(POOL, MIDNIGHT, MIDNIGHT)).toEqual([]);
      expect(await log.list(POOL, MIDNIGHT + 1, MIDNIGHT)).toEqual([]);
    });

    it('should keep copies of one signal at the same millisecond once, and signals differing in any key part apart', async () => {
      const log = await makeLog();
      for (let copy = 0; copy < 3; copy += 1) await log.append(login('ann', MIDNIGHT));
      await log.append(login('ann', MIDNIGHT, { triggerSource: 'PostAuthentication_Authentication' }));
      await log.append(login('ann', MIDNIGHT + 1));
      // Sub "x#y" on client "c" and sub "y" on client "c#x" are two users.
      await log.append(login('x#y', MIDNIGHT, { clientId: 'c' }));
      await log.append(login('y', MIDNIGHT, { clientId: 'c#x' }));

      const listed = await log.list(POOL, MIDNIGHT, MIDNIGHT + 2);

      expect(listed.map((signIn) => [signIn.at, signIn.clientId, signIn.user, signIn.triggerSource])).toEqual(
        expect.arrayContaining([
          [MIDNIGHT, CLIENT, 'ann', 'TokenGeneration_HostedAuth'],
          [MIDNIGHT, CLIENT, 'ann', 'PostAuthentication_Authentication'],
          [MIDNIGHT + 1, CLIENT, 'ann', 'TokenGeneration_HostedAuth'],
          [MIDNIGHT, 'c', 'x#y', 'TokenGeneration_HostedAuth'],
          [MIDNIGHT, 'c#x', 'y', 'TokenGeneration_HostedAuth'],
        ]),
      );
      expect(listed).toHaveLength(5);
      expect(listed.at(-1)?.at).toBe(MIDNIGHT + 1);
    });

    it('should refuse an append whose signal is already aborted, logging nothing', async () => {
      const log = await makeLog();
      const controller = new AbortController();
      controller.abort(new Error('budget used up'));
      await expect(log.append(login('ann', MIDNIGHT), { abortSignal: controller.signal })).rejects.toThrow();
      expect(await log.list(POOL, MIDNIGHT, MIDNIGHT + 1)).toEqual([]);
    });

    it('should warm up without logging anything', async () => {
      const log = await makeLog();
      await expect(log.warmUp()).resolves.toBeUndefined();
      expect(await log.list(POOL, MIDNIGHT - 86_400_000, MIDNIGHT + 86_400_000)).toEqual([]);
    });
  });
}
