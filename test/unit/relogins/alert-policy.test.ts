import { describe, expect, it } from 'vitest';
import { isWorsening, nextHeavyReLoginAlert } from '../../../src/relogins/domain/alert-policy';

const T0 = Date.parse('2026-11-24T08:00:00Z');
const HOUR = 3_600_000;
const policy = { cooldownHours: 24 };

describe('Function: nextHeavyReLoginAlert', () => {
  it('should alert the first time users are heavy, and never when nobody is', () => {
    expect(nextHeavyReLoginAlert(null, 2, T0, policy)).toEqual({ heavyUsers: 2, alertedAt: T0 });
    expect(nextHeavyReLoginAlert(null, 0, T0, policy)).toBeNull();
  });

  it('should stay quiet inside the cooldown unless heavy users at least double', () => {
    // Prepare
    const previous = { heavyUsers: 3, alertedAt: T0 };

    // Act & Assess
    expect(nextHeavyReLoginAlert(previous, 5, T0 + 23 * HOUR, policy)).toBeNull();
    expect(nextHeavyReLoginAlert(previous, 6, T0 + HOUR, policy)).toEqual({
      heavyUsers: 6,
      alertedAt: T0 + HOUR,
    });
  });

  it('should alert again once the cooldown has passed, even if it got better', () => {
    // Act
    const next = nextHeavyReLoginAlert({ heavyUsers: 3, alertedAt: T0 }, 1, T0 + 24 * HOUR, policy);

    // Assess
    expect(next).toEqual({ heavyUsers: 1, alertedAt: T0 + 24 * HOUR });
  });

  it('should call an early alert a worsening and an alert after the cooldown not', () => {
    const previous = { heavyUsers: 3, alertedAt: T0 };
    expect(isWorsening(previous, { heavyUsers: 6, alertedAt: T0 + HOUR }, policy)).toBe(true);
    expect(isWorsening(previous, { heavyUsers: 6, alertedAt: T0 + 25 * HOUR }, policy)).toBe(false);
    expect(isWorsening(null, { heavyUsers: 6, alertedAt: T0 }, policy)).toBe(false);
  });
});
