import { describe, expect, it } from 'vitest';
import {
  BadItemError,
  decodeLedger,
  decodeSignIn,
  decodeUpstreamFindings,
  decodeUpstreamKnowledge,
  encodeSignIn,
  keyPart,
  signInKey,
  UPSTREAM_KNOWLEDGE_KEY,
  UPSTREAM_REPORT_KEY,
} from '../../../src/adapters/dynamodb/table-layout';
import type { LoggedSignIn } from '../../../src/sign-ins';

const AT = Date.parse('2026-11-20T08:00:00.123Z');

function signIn(overrides: Partial<LoggedSignIn> = {}): LoggedSignIn {
  return {
    at: AT,
    kind: 'login',
    triggerSource: 'TokenGeneration_HostedAuth',
    userPoolId: 'eu-west-1_pool',
    clientId: 'c',
    user: 'u',
    ...overrides,
  };
}

describe('Module: table-layout', () => {
  it('should keep sub "x#y" on client "c" and sub "y" on client "c#x" apart', () => {
    // Act
    const first = signInKey(signIn({ clientId: 'c', user: 'x#y' }));
    const second = signInKey(signIn({ clientId: 'c#x', user: 'y' }));

    // Assess
    expect(first.pk).toBe(second.pk);
    expect(first.sk).not.toBe(second.sk);
    expect(first.sk).toBe('2026-11-20T08:00:00.123Z#1:c#3:x#y#TokenGeneration_HostedAuth');
    expect(second.sk).toBe('2026-11-20T08:00:00.123Z#3:c#x#1:y#TokenGeneration_HostedAuth');
  });

  it('should keep pools apart whatever they contain, in one UTC-day partition each', () => {
    expect(signInKey(signIn({ userPoolId: 'a#2026-11-20' })).pk).toBe('SIGNIN#12:a#2026-11-20#2026-11-20');
    expect(signInKey(signIn({ userPoolId: 'a' })).pk).toBe('SIGNIN#1:a#2026-11-20');
    expect(keyPart('')).toBe('0:');
  });

  it('should give a repeated copy of one signal at the same millisecond the same key', () => {
    expect(signInKey(signIn())).toEqual(signInKey(signIn()));
    expect(signInKey(signIn())).not.toEqual(
      signInKey(signIn({ triggerSource: 'PostAuthentication_Authentication' })),
    );
  });

  it('should read back what it wrote, the optional attributes only when kept', () => {
    const full = signIn({ username: 'alice', email: 'alice@example.com' });
    expect(decodeSignIn(encodeSignIn(full, 35))).toEqual(full);
    expect(decodeSignIn(encodeSignIn(signIn(), 35))).toEqual(signIn());
    expect(encodeSignIn(signIn(), 35).expiresAt).toBe(Math.floor(AT / 1000) + 35 * 86_400);
  });

  it.each([
    ['a time that is a string', { at: '2026-11-20' }, 'at must be a number, got "2026-11-20"'],
    ['an unknown kind', { kind: 'session-start' }, 'kind must be one of login, refresh, got "session-start"'],
    ['no user', { user: undefined }, 'user must be a non-empty string, got undefined'],
    ['an email that is a number', { email: 7 }, 'email must be a non-empty string, got 7'],
  ])('should refuse a sign-in item with %s, naming its key', (_name, change, reason) => {
    // Prepare
    const item = { ...encodeSignIn(signIn(), 35), ...change };

    // Act / Assess
    expect(() => decodeSignIn(item)).toThrow(BadItemError);
    expect(() => decodeSignIn(item)).toThrow(`bad item ${item.pk} / ${item.sk}: ${reason}`);
  });

  it('should refuse a ledger item without a numeric version, and read a missing one as never sent', () => {
    expect(decodeLedger(undefined)).toEqual({ state: null, version: 0 });
    expect(decodeLedger({ pk: 'NOTIFY#k', sk: 'LEDGER', version: 2, state: { a: 1 } })).toEqual({
      state: { a: 1 },
      version: 2,
    });
    expect(() => decodeLedger({ pk: 'NOTIFY#k', sk: 'LEDGER', version: '2' })).toThrow(
      'bad item NOTIFY#k / LEDGER: version must be a number, got "2"',
    );
  });

  it('should ignore upstream knowledge of another schema and refuse knowledge that is not JSON', () => {
    expect(
      decodeUpstreamKnowledge({ ...UPSTREAM_KNOWLEDGE_KEY, schema: 0, knowledge: '{}' }),
    ).toBeUndefined();
    expect(() => decodeUpstreamKnowledge({ ...UPSTREAM_KNOWLEDGE_KEY, schema: 1, knowledge: '{' })).toThrow(
      /bad item UPSTREAM#knowledge \/ STATE: knowledge is not JSON/,
    );
  });

  const report = {
    deployedVersion: 'v3.3.14',
    checkedAt: AT,
    fixes: [
      {
        id: 'argocd-oidc-refresh',
        title: 'refresh',
        merged: true,
        fixedIn: ['v3.4.6', 'v3.5.0'],
        fixedInPrerelease: [],
        deployedHasFix: false,
        upgradeTo: 'v3.4.6',
      },
    ],
  };

  it('should refuse an upstream report item without an expiry', () => {
    expect(() => decodeUpstreamFindings({ ...UPSTREAM_REPORT_KEY, report })).toThrow(
      'bad item UPSTREAM#report / LATEST: expiresAt is missing',
    );
  });

  it('should read a stored upstream report back, and name the key and the path of what is wrong in one', () => {
    expect(decodeUpstreamFindings({ ...UPSTREAM_REPORT_KEY, report, expiresAt: 1 })).toEqual({
      report,
      expiresAt: 1,
    });
    const damaged = { ...report, fixes: [{ ...report.fixes[0], fixedIn: 'v3.4.6' }] };
    expect(() => decodeUpstreamFindings({ ...UPSTREAM_REPORT_KEY, report: damaged, expiresAt: 1 })).toThrow(
      'bad item UPSTREAM#report / LATEST: report.fixes[0].fixedIn must be an array, got "v3.4.6"',
    );
  });

  it('should name the path of what is wrong in stored upstream knowledge', () => {
    const knowledge = {
      repos: {
        'argoproj/argo-cd': { pulls: {}, releasePages: [], ancestry: { 'abc...v3.4.6': 'sideways' } },
      },
    };
    expect(() =>
      decodeUpstreamKnowledge({ ...UPSTREAM_KNOWLEDGE_KEY, schema: 1, knowledge: JSON.stringify(knowledge) }),
    ).toThrow(
      'bad item UPSTREAM#knowledge / STATE: knowledge.repos.argoproj/argo-cd.ancestry.abc...v3.4.6 must be one of ahead, behind, identical, diverged, got "sideways"',
    );
    const good = {
      repos: { 'argoproj/argo-cd': { pulls: {}, releasePages: [], ancestry: { 'abc...v3.4.6': 'ahead' } } },
    };
    expect(
      decodeUpstreamKnowledge({ ...UPSTREAM_KNOWLEDGE_KEY, schema: 1, knowledge: JSON.stringify(good) }),
    ).toEqual(good);
  });
});
