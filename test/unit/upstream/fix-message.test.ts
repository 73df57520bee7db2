import { describe, expect, it } from 'vitest';
import { blockTexts } from '../../../local/stand-ins/block-kit';
import type { FixEntry } from '../../../src/upstream/domain/catalog';
import { fixMessage } from '../../../src/upstream/domain/fix-message';
import type { FixStatus, UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import { upstreamMetrics } from '../../../src/upstream/upstream-watch';

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

describe('Function: fixMessage', () => {
  it('should name every fixed line, the deployed state, the smallest upgrade and what to set', () => {
    const message = fixMessage(ENTRY, status({}), 'v3.3.14');
    expect(message.text).toBe(
      // The fallback text is mrkdwn too: escaped like the blocks, so a title cannot link or mention.
      'argoproj/argo-cd released the fix "OIDC refresh &lt;works&gt;" (argocd-oidc-refresh) in v3.4.6, v3.5.0. ' +
        'Deployed: v3.3.14 does not have the fix. Upgrade to: v3.4.6.',
    );
    expect(blockTexts(message.blocks)).toEqual([
      'Upstream fix released: argocd-oidc-refresh',
      'argoproj/argo-cd released the fix "OIDC refresh &lt;works&gt;" (argocd-oidc-refresh) in v3.4.6, v3.5.0',
      '*Fixed in (first release per line)*\nv3.4.6, v3.5.0',
      '*Prereleases*\nv3.5.0-rc3',
      '*Deployed Argo CD*\nv3.3.14 does not have the fix',
      '*Smallest upgrade that has it*\nv3.4.6',
      '*What to set*\nSet oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
    ]);
  });

  it('should say when no upgrade is needed and when the deployed version is unknown', () => {
    const has = blockTexts(
      fixMessage(ENTRY, status({ deployedHasFix: true, upgradeTo: null }), 'v3.5.0').blocks,
    );
    expect(has).toContain('*Deployed Argo CD*\nv3.5.0 has the fix');
    expect(has).toContain('*Smallest upgrade that has it*\nnone needed');
    const unknown = blockTexts(
      fixMessage(ENTRY, status({ deployedHasFix: null, upgradeTo: null }), null).blocks,
    );
    expect(unknown).toContain('*Deployed Argo CD*\nunknown (set ARGOCD_URL or ARGOCD_VERSION)');
  });
});

describe('Function: fixMessage, what to set for the pool', () => {
  const whatToSet = (message: ReturnType<typeof fixMessage>) =>
    blockTexts(message.blocks).find((text) => text.startsWith('*What to set*'));

  it("should quote the app client's real ID-token validity and a threshold under it", () => {
    const message = fixMessage(ENTRY, status({}), 'v3.3.14', {
      idTokenValidity: [{ clientId: 'argocdclient0example0000001', idTokenMinutes: 60 }],
    });
    expect(whatToSet(message)).toBe(
      '*What to set*\nFor your pool, to refresh sessions before they expire too (recommended, not required: the fixed releases ' +
        'refresh expired sessions without it): set oidc.config.refreshTokenThreshold shorter than the 1 h ID-token ' +
        'validity of app client argocdclient0example0000001 (for example 15m).\n' +
        'Set oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
    );
  });

  it('should fit the threshold to the shortest of several clients, as a Go duration', () => {
    const eightHours = fixMessage(ENTRY, status({}), 'v3.3.14', {
      idTokenValidity: [
        { clientId: 'long', idTokenMinutes: 480 },
        { clientId: 'longer', idTokenMinutes: 1440 },
      ],
    });
    expect(whatToSet(eightHours)).toContain(
      'shorter than the 8 h ID-token validity of app client long (the shortest of your 2 Argo CD app clients) (for example 2h).',
    );
    const fiveMinutes = fixMessage(ENTRY, status({}), 'v3.3.14', {
      idTokenValidity: [{ clientId: 'short', idTokenMinutes: 5 }],
    });
    expect(whatToSet(fiveMinutes)).toContain(
      'shorter than the 5 min ID-token validity of app client short (for example 1m).',
    );
  });

  it('should keep the generic advice alone when the validity is unknown', () => {
    const message = fixMessage(ENTRY, status({}), 'v3.3.14', { idTokenValidity: [] });
    expect(whatToSet(message)).toBe(
      '*What to set*\nSet oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
    );
    expect(JSON.stringify(message)).not.toContain('For your pool');
  });

  it('should not add the threshold to advice about something else', () => {
    const other = status({ advice: 'Restart the repo server.' });
    const message = fixMessage({ ...ENTRY, advice: 'Restart the repo server.' }, other, null, {
      idTokenValidity: [{ clientId: 'c', idTokenMinutes: 60 }],
    });
    expect(whatToSet(message)).toBe('*What to set*\nRestart the repo server.');
  });
});

describe('Function: fixMessage, prerequisites and updates', () => {
  const SETTING: FixEntry = {
    id: 'argocd-oidc-refresh-setting',
    repo: 'argoproj/argo-cd',
    title: 'refreshTokenThreshold setting; not enough alone',
    pulls: [23727],
    prerequisiteOf: ENTRY.id,
    advice: 'Works reliably only with argocd-oidc-refresh.',
  };

  it('should show a prerequisite as context inside the fix, with its PR and releases', () => {
    const message = fixMessage(ENTRY, status({}), 'v3.3.14', {
      prerequisites: [
        { entry: SETTING, status: status({ id: SETTING.id, fixedIn: ['v3.3.0', 'v3.4.0', 'v3.5.0'] }) },
      ],
    });
    expect(blockTexts(message.blocks).at(-1)).toBe(
      'Builds on argocd-oidc-refresh-setting (argoproj/argo-cd #23727, first in v3.3.0, v3.4.0, v3.5.0): ' +
        'refreshTokenThreshold setting; not enough alone. Works reliably only with argocd-oidc-refresh.',
    );
  });

  it('should lead an update with what changed: a new line, the deployed version', () => {
    const newLine = fixMessage(ENTRY, status({ fixedIn: ['v3.3.15', 'v3.4.6', 'v3.5.0'] }), 'v3.3.14', {
      update: { newLines: ['v3.3.15'], deployedChange: null, answerChanged: true },
    });
    expect(blockTexts(newLine.blocks).slice(0, 2)).toEqual([
      'Upstream fix update: argocd-oidc-refresh',
      'argoproj/argo-cd: the fix "OIDC refresh &lt;works&gt;" (argocd-oidc-refresh): now also in v3.3.15',
    ]);
    const deployed = fixMessage(ENTRY, status({ deployedHasFix: true, upgradeTo: null }), 'v3.4.6', {
      update: { newLines: [], deployedChange: { from: 'v3.3.14', to: 'v3.4.6' }, answerChanged: true },
    });
    expect(deployed.text).toBe(
      'argoproj/argo-cd: the fix "OIDC refresh &lt;works&gt;" (argocd-oidc-refresh): deployed Argo CD is now v3.4.6 (was v3.3.14). ' +
        'Deployed: v3.4.6 has the fix. Upgrade to: none needed.',
    );
  });
});

describe('Function: fixMessage, thread updates stay short', () => {
  it('should say what changed and the answer, leave what to set and the prerequisites to the first message', () => {
    const update = fixMessage(ENTRY, status({ fixedIn: ['v3.3.15', 'v3.4.6', 'v3.5.0'] }), 'v3.3.14', {
      idTokenValidity: [{ clientId: 'argocdclient0example0000001', idTokenMinutes: 60 }],
      prerequisites: [{ entry: { ...ENTRY, id: 'setting', prerequisiteOf: ENTRY.id }, status: undefined }],
      update: { newLines: ['v3.3.15'], deployedChange: null, answerChanged: true },
    });
    const text = blockTexts(update.blocks).join('\n');
    expect(text).not.toContain('What to set*');
    expect(text).not.toContain('Builds on');
    expect(text).toContain('the first message of this thread');
    expect(text.length).toBeLessThanOrEqual(600);
  });
});

describe('Function: upstreamMetrics', () => {
  it('should give UpstreamFixReleased per fix, and DeployedHasFix only when the deployed version is known', () => {
    const report: UpstreamFindings = {
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
