import { describe, expect, it } from 'vitest';
import type { FixEntry } from '../../../src/upstream/domain/catalog';
import { fixReleasedMessage } from '../../../src/upstream/domain/fix-message';
import type { FixStatus, UpstreamReport } from '../../../src/upstream/domain/upstream-fix-status';
import { upstreamMetrics } from '../../../src/upstream/upstream-watch';
import { blockTexts } from '../../support/block-kit';

const ENTRY: FixEntry = {
  id: 'argocd-oidc-refresh',
  repo: 'argoproj/argo-cd',
  title: 'OIDC refresh <works>',
  pulls: [27777],
  advice: 'Set oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
};

function status(overrides: Partial<FixStatus>): FixStatus {
  return {
    id: ENTRY.id,
    title: ENTRY.title,
    merged: true,
    fixedIn: ['v3.4.6', 'v3.5.0'],
    fixedInPrerelease: ['v3.5.0-rc3'],
    deployedHasFix: false,
    upgradeTo: 'v3.4.6',
    advice: ENTRY.advice as string,
    ...overrides,
  };
}

describe('Function: fixReleasedMessage', () => {
  it('should name the release, the deployed state, the smallest upgrade and what to set', () => {
    const message = fixReleasedMessage(ENTRY, status({}), 'v3.4.6', 'v3.3.14');
    expect(message.text).toBe(
      'argoproj/argo-cd v3.4.6 carries the fix "OIDC refresh <works>" (argocd-oidc-refresh). ' +
        'Deployed: v3.3.14 does not have the fix. Upgrade to: v3.4.6.',
    );
    expect(blockTexts(message.blocks)).toEqual([
      'Upstream fix released: v3.4.6',
      'argoproj/argo-cd v3.4.6 carries the fix "OIDC refresh &lt;works&gt;" (argocd-oidc-refresh)',
      '*Fixed in (first release per line)*\nv3.4.6, v3.5.0',
      '*Prereleases*\nv3.5.0-rc3',
      '*Deployed Argo CD*\nv3.3.14 does not have the fix',
      '*Smallest upgrade that has it*\nv3.4.6',
      '*What to set*\nSet oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
    ]);
  });

  it('should say when no upgrade is needed and when the deployed version is unknown', () => {
    const has = blockTexts(
      fixReleasedMessage(ENTRY, status({ deployedHasFix: true, upgradeTo: null }), 'v3.5.0', 'v3.5.0').blocks,
    );
    expect(has).toContain('*Deployed Argo CD*\nv3.5.0 has the fix');
    expect(has).toContain('*Smallest upgrade that has it*\nnone needed');
    const unknown = blockTexts(
      fixReleasedMessage(ENTRY, status({ deployedHasFix: null, upgradeTo: null }), 'v3.5.0', null).blocks,
    );
    expect(unknown).toContain('*Deployed Argo CD*\nunknown (set ARGOCD_URL or ARGOCD_VERSION)');
  });
});

describe('Function: fixReleasedMessage, what to set for the pool', () => {
  const whatToSet = (message: ReturnType<typeof fixReleasedMessage>) =>
    blockTexts(message.blocks).find((text) => text.startsWith('*What to set*'));

  it("should quote the app client's real ID-token validity and a threshold under it", () => {
    const message = fixReleasedMessage(ENTRY, status({}), 'v3.4.6', 'v3.3.14', [
      { clientId: 'argocdclient0example0000001', idTokenMinutes: 60 },
    ]);
    expect(whatToSet(message)).toBe(
      '*What to set*\nFor your pool, to refresh sessions before they expire too (recommended, not required: the fixed releases ' +
        'refresh expired sessions without it): set oidc.config.refreshTokenThreshold shorter than the 1 h ID-token ' +
        'validity of app client argocdclient0example0000001 (for example 15m).\n' +
        'Set oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
    );
  });

  it('should fit the threshold to the shortest of several clients, as a Go duration', () => {
    const eightHours = fixReleasedMessage(ENTRY, status({}), 'v3.4.6', 'v3.3.14', [
      { clientId: 'long', idTokenMinutes: 480 },
      { clientId: 'longer', idTokenMinutes: 1440 },
    ]);
    expect(whatToSet(eightHours)).toContain(
      'shorter than the 8 h ID-token validity of app client long (the shortest of your 2 Argo CD app clients) (for example 2h).',
    );
    const fiveMinutes = fixReleasedMessage(ENTRY, status({}), 'v3.4.6', 'v3.3.14', [
      { clientId: 'short', idTokenMinutes: 5 },
    ]);
    expect(whatToSet(fiveMinutes)).toContain(
      'shorter than the 5 min ID-token validity of app client short (for example 1m).',
    );
  });

  it('should keep the generic advice alone when the validity is unknown', () => {
    const message = fixReleasedMessage(ENTRY, status({}), 'v3.4.6', 'v3.3.14', []);
    expect(whatToSet(message)).toBe(
      '*What to set*\nSet oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
    );
    expect(JSON.stringify(message)).not.toContain('For your pool');
  });

  it('should not add the threshold to advice about something else', () => {
    const other = status({ advice: 'Restart the repo server.' });
    const message = fixReleasedMessage(
      { ...ENTRY, advice: 'Restart the repo server.' },
      other,
      'v3.4.6',
      null,
      [{ clientId: 'c', idTokenMinutes: 60 }],
    );
    expect(whatToSet(message)).toBe('*What to set*\nRestart the repo server.');
  });
});

describe('Function: upstreamMetrics', () => {
  it('should give UpstreamFixReleased per fix, and DeployedHasFix only when the deployed version is known', () => {
    const report: UpstreamReport = {
      deployedVersion: null,
      checkedAt: 1_700_000_000_000,
      fixes: [status({ deployedHasFix: null }), status({ id: 'other', fixedIn: [], deployedHasFix: false })],
    };
    expect(
      upstreamMetrics(report).map(({ name, value, dimensions, unit }) => [
        name,
        dimensions.FixId,
        value,
        unit,
      ]),
    ).toEqual([
      ['UpstreamFixReleased', 'argocd-oidc-refresh', 1, 'None'],
      ['UpstreamFixReleased', 'other', 0, 'None'],
      ['DeployedHasFix', 'other', 0, 'None'],
    ]);
  });
});
