/**
 * What every UpstreamFindingsStore must do, run against the in-memory fake (unit tier) and the DynamoDB
 * store (integration tier). Both are made with a 35-day retention.
 */
import { describe, expect, it } from 'vitest';
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import type { UpstreamFindingsStore } from '../../../src/upstream/ports/upstream-findings-store';

export const CONTRACT_RETENTION_DAYS = 35;
const DAY_MS = 86_400_000;
const CHECKED_AT = Date.parse('2026-11-24T08:00:00.250Z');

function report(deployedVersion: string): UpstreamFindings {
  return {
    deployedVersion,
    checkedAt: CHECKED_AT,
    fixes: [
      {
        id: 'argocd-oidc-refresh',
        title: 'use OIDC refresh tokens to renew expired sessions',
        merged: true,
        fixedIn: ['v3.4.6', 'v3.5.0'],
        fixedInPrerelease: [],
        deployedHasFix: false,
        upgradeTo: 'v3.4.6',
      },
    ],
  };
}

export function describeUpstreamFindingsStoreContract(
  name: string,
  makeStore: () => Promise<UpstreamFindingsStore>,
) {
  describe(`Contract: UpstreamFindingsStore (${name})`, () => {
    it('should have no report before the first complete check', async () => {
      const store = await makeStore();
      expect(await store.latest(CHECKED_AT)).toBeNull();
    });

    it('should answer the last saved report until it expires, retention days after its check (TTL seconds)', async () => {
      const store = await makeStore();
      await store.save(report('v3.3.13'));
      await store.save(report('v3.3.14'));
      const expiry = Math.floor(CHECKED_AT / 1000) * 1000 + CONTRACT_RETENTION_DAYS * DAY_MS;
      expect(await store.latest(CHECKED_AT)).toEqual(report('v3.3.14'));
      expect(await store.latest(expiry - 1)).toEqual(report('v3.3.14'));
      expect(await store.latest(expiry)).toBeNull();
    });
  });
}
