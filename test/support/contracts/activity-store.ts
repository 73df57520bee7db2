/**
 * What every ActivityStore must do, run against the in-memory fake (unit tier) and the DynamoDB store
 * (integration tier), so the use-case unit tests rest on the same behaviour as production.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { EMPTY_SESSION_STATE } from '../../../src/relogins/domain/session-rules';
import { type ActivityStore, StaleStateError } from '../../../src/sign-ins/ports/activity-store';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const MIDNIGHT = Date.parse('2026-11-25T00:00:00Z');

function key(user: string, clientId = CLIENT) {
  return { userPoolId: POOL, clientId, user };
}

function event(user: string, at: number, clientId = CLIENT): ActivityEvent {
  return {
    at,
    kind: 'session-start',
    userPoolId: POOL,
    clientId,
    user,
    username: user,
    intervalMinutes: null,
  };
}

const state = (at: number) => ({ lastLoginAt: at, lastRefreshAt: null, sessionStartedAt: at });

export function describeActivityStoreContract(name: string, makeStore: () => Promise<ActivityStore>) {
  describe(`Contract: ActivityStore (${name})`, () => {
    it('should read a user never seen as the empty state at version 0', async () => {
      const store = await makeStore();
      expect(await store.readUserState(key('nobody'))).toEqual({ state: EMPTY_SESSION_STATE, version: 0 });
    });

    it('should replace the state at the expected version, one version up, and log the event', async () => {
      const store = await makeStore();
      await store.commit(key('ann'), 0, state(MIDNIGHT), event('ann', MIDNIGHT));
      await store.commit(key('ann'), 1, state(MIDNIGHT + 1_000), event('ann', MIDNIGHT + 1_000));
      expect(await store.readUserState(key('ann'))).toEqual({ state: state(MIDNIGHT + 1_000), version: 2 });
    });

    it('should refuse a commit at a stale version with StaleStateError, logging nothing', async () => {
      const store = await makeStore();
      await store.commit(key('ann'), 0, state(MIDNIGHT), event('ann', MIDNIGHT));
      await expect(
        store.commit(key('ann'), 0, state(MIDNIGHT + 1), event('ann', MIDNIGHT + 1)),
      ).rejects.toBeInstanceOf(StaleStateError);
      expect(await store.readUserState(key('ann'))).toEqual({ state: state(MIDNIGHT), version: 1 });
      expect(
        await store.listActivity({ userPoolId: POOL, clientId: CLIENT }, MIDNIGHT - 1, MIDNIGHT + 1),
      ).toEqual([event('ann', MIDNIGHT)]);
    });

    it("should list the client's activity with from < at <= to in time order, across UTC days", async () => {
      const store = await makeStore();
      const times = [MIDNIGHT + 5_000, MIDNIGHT - 5_000, MIDNIGHT, MIDNIGHT - 10_000];
      for (const [index, at] of times.entries()) {
        await store.commit(key(`user-${index}`), 0, state(at), event(`user-${index}`, at));
      }
      await store.commit(
        key('other', 'another-client'),
        0,
        state(MIDNIGHT),
        event('other', MIDNIGHT, 'another-client'),
      );

      const listed = await store.listActivity(
        { userPoolId: POOL, clientId: CLIENT },
        MIDNIGHT - 10_000,
        MIDNIGHT + 5_000,
      );

      expect(listed.map((item) => [item.user, item.at])).toEqual([
        ['user-1', MIDNIGHT - 5_000],
        ['user-2', MIDNIGHT],
        ['user-0', MIDNIGHT + 5_000],
      ]);
    });
  });
}
