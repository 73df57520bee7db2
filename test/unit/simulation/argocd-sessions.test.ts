import { describe, expect, it } from 'vitest';
import {
  afterLogin,
  afterRefresh,
  nextSessionChange,
  nextSessionStep,
} from '../../../local/simulation/argocd-sessions';
import { RELEASE_BEFORE_FIX, RELEASE_WITH_FIX } from '../../../local/simulation/scenarios';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');

describe('Module: the simulated Argo CD session rules (docs/argocd-and-cognito.md)', () => {
  it('should send the user to the login page when the ID token expires before the fix', () => {
    const session = afterLogin(T0, HOUR, RELEASE_BEFORE_FIX, 24 * HOUR);
    expect(nextSessionStep(null, T0)).toBe('login');
    expect(nextSessionStep(session, T0 + HOUR - 1)).toBe('keep');
    expect(nextSessionStep(session, T0 + HOUR)).toBe('login');
  });

  it('should refresh an expired session with the fix, until users.session.duration after the login', () => {
    const session = afterLogin(T0, HOUR, RELEASE_WITH_FIX, 24 * HOUR);
    expect(nextSessionStep(session, T0 + HOUR)).toBe('refresh');
    const refreshed = afterRefresh(session, T0 + 2 * HOUR, HOUR);
    expect(refreshed).toMatchObject({ loginAt: T0, idTokenExpiresAt: T0 + 3 * HOUR });
    // The next morning, still within 24 h of the login: refreshed, not a login.
    expect(nextSessionStep(refreshed, T0 + 23 * HOUR)).toBe('refresh');
    // The ceiling is from the login, not sliding.
    expect(nextSessionStep(refreshed, T0 + 24 * HOUR)).toBe('login');
  });

  it('should not refresh a session logged in before the upgrade', () => {
    const before = afterLogin(T0, 8 * HOUR, RELEASE_BEFORE_FIX, 24 * HOUR);
    expect(nextSessionStep(before, T0 + 9 * HOUR)).toBe('login');
  });

  it('should refresh before expiry with refreshTokenThreshold, only in a release with the fix', () => {
    const threshold = 2 * HOUR;
    const fixed = afterLogin(T0, 8 * HOUR, RELEASE_WITH_FIX, 24 * HOUR);
    expect(nextSessionChange(fixed, T0, threshold)).toBe(T0 + 6 * HOUR);
    expect(nextSessionStep(fixed, T0 + 6 * HOUR, threshold)).toBe('keep');
    // exp - now < threshold, strictly (as Argo CD compares).
    expect(nextSessionStep(fixed, T0 + 6 * HOUR + 1, threshold)).toBe('refresh');
    const before = afterLogin(T0, 8 * HOUR, RELEASE_BEFORE_FIX, 24 * HOUR);
    expect(nextSessionChange(before, T0, threshold)).toBe(T0 + 8 * HOUR);
    expect(nextSessionStep(before, T0 + 7 * HOUR, threshold)).toBe('keep');
  });
});
