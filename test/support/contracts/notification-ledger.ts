/**
 * What every NotificationLedger must do, run against the in-memory fake (unit tier) and the DynamoDB
 * ledger (integration tier), so the use-case unit tests rest on the same behaviour as production.
 */
import { describe, expect, it } from 'vitest';
import {
  LeaseLostError,
  type NotificationLedger,
} from '../../../src/notifications/ports/notification-ledger';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const MINUTE = 60_000;
const lease = (owner: string, now = NOW, until = now + 15 * MINUTE) => ({ owner, now, until });

export function describeNotificationLedgerContract(
  name: string,
  makeLedger: () => Promise<NotificationLedger>,
) {
  describe(`Contract: NotificationLedger (${name})`, () => {
    it('should read nothing ever sent as state null at version 0', async () => {
      const ledger = await makeLedger();
      expect(await ledger.read('never')).toEqual({ state: null, version: 0 });
    });

    it('should record a confirmed state at the next version and drop the lease', async () => {
      const ledger = await makeLedger();
      expect(await ledger.claim('k', 0, lease('a'))).toBe(true);
      await ledger.confirm('k', 'a', { heavyUsers: 3 }, NOW);
      expect(await ledger.read('k')).toEqual({ state: { heavyUsers: 3 }, version: 1 });
      expect(await ledger.claim('k', 1, lease('b'))).toBe(true);
    });

    it('should refuse a claim while another live lease is held, up to and including its end', async () => {
      const ledger = await makeLedger();
      await ledger.claim('k', 0, lease('a', NOW, NOW + MINUTE));
      expect(await ledger.claim('k', 0, lease('b', NOW + MINUTE))).toBe(false);
      expect(await ledger.claim('k', 0, lease('b', NOW + MINUTE + 1))).toBe(true);
    });

    it('should refuse a claim based on a version another run has since confirmed', async () => {
      const ledger = await makeLedger();
      await ledger.claim('k', 0, lease('a'));
      await ledger.confirm('k', 'a', 'first', NOW);
      expect(await ledger.claim('k', 0, lease('b'))).toBe(false);
    });

    it('should refuse the confirm of a run whose expired lease was taken over', async () => {
      const ledger = await makeLedger();
      await ledger.claim('k', 0, lease('a', NOW, NOW + MINUTE));
      await ledger.claim('k', 0, lease('b', NOW + 2 * MINUTE));
      await expect(ledger.confirm('k', 'a', 'stale', NOW)).rejects.toBeInstanceOf(LeaseLostError);
      await ledger.confirm('k', 'b', 'fresh', NOW + 2 * MINUTE);
      expect(await ledger.read('k')).toEqual({ state: 'fresh', version: 1 });
    });

    it('should refuse a confirm without a claim', async () => {
      const ledger = await makeLedger();
      await expect(ledger.confirm('k', 'a', 'x', NOW)).rejects.toBeInstanceOf(LeaseLostError);
    });

    it('should free the key on release by its holder, recording nothing, and ignore a release by anyone else', async () => {
      const ledger = await makeLedger();
      await ledger.claim('k', 0, lease('a'));
      await ledger.release('k', 'b');
      expect(await ledger.claim('k', 0, lease('b'))).toBe(false);
      await ledger.release('k', 'a');
      expect(await ledger.read('k')).toEqual({ state: null, version: 0 });
      expect(await ledger.claim('k', 0, lease('b'))).toBe(true);
    });
  });
}
