/**
 * When the heavy re-login alert is due: the first time users are heavy, again once the cooldown has
 * passed, and sooner only when it got clearly worse (heavy users at least doubled).
 */
export interface HeavyReLoginAlertState {
  heavyUsers: number;
  /** Epoch ms of the decision that was posted. */
  alertedAt: number;
}

export interface AlertPolicy {
  cooldownHours: number;
}

export function nextHeavyReLoginAlert(
  previous: HeavyReLoginAlertState | null,
  heavyUsers: number,
  now: number,
  policy: AlertPolicy,
): HeavyReLoginAlertState | null {
  if (heavyUsers === 0) return null;
  const due =
    previous === null ||
    now - previous.alertedAt >= policy.cooldownHours * 3_600_000 ||
    heavyUsers >= 2 * previous.heavyUsers;
  return due ? { heavyUsers, alertedAt: now } : null;
}

/** True when this alert comes inside the cooldown because the situation got worse. */
export function isWorsening(
  previous: HeavyReLoginAlertState | null,
  next: HeavyReLoginAlertState,
  policy: AlertPolicy,
): boolean {
  return previous !== null && next.alertedAt - previous.alertedAt < policy.cooldownHours * 3_600_000;
}
