/** The periodic report's "security debt since": what the re-login check recorded in its episode state. */
import { describe, expect, it } from 'vitest';
import { stretchedSince } from '../../../src/relogins';
import { FakeNotificationLedger } from '../../support/fakes/notification-ledger';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const KEY = `relogin-alert#heavy-relogins#${POOL}#${CLIENT}`;
const FIRST_SEEN = Date.parse('2026-11-24T22:00:00Z');

async function recorded(ledger: FakeNotificationLedger, state: unknown): Promise<void> {
  const lease = { owner: 'check', now: FIRST_SEEN, until: FIRST_SEEN + 60_000 };
  expect(await ledger.claim(KEY, 0, lease)).toBe(true);
  await ledger.confirm(KEY, 'check', state, FIRST_SEEN);
}

describe('Function: stretchedSince', () => {
  it('should give when the check first saw the validity stretched', async () => {
    const ledger = new FakeNotificationLedger();
    await recorded(ledger, {
      episode: null,
      lastThreadTs: null,
      stopGap: { firstSeenAt: FIRST_SEEN, lastReminderAt: null },
    });
    expect(await stretchedSince(ledger, POOL, CLIENT)).toBe(FIRST_SEEN);
  });

  it('should give null when the check never recorded the client, or saw no stop-gap', async () => {
    const ledger = new FakeNotificationLedger();
    expect(await stretchedSince(ledger, POOL, CLIENT)).toBeNull();
    await recorded(ledger, { episode: null, lastThreadTs: null, stopGap: null });
    expect(await stretchedSince(ledger, POOL, CLIENT)).toBeNull();
  });
});
