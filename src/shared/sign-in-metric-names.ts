/**
 * Names of the sign-in metrics, in one place for the trigger (EMF), the re-login check (PutMetricData)
 * and their tests. CloudWatch has no minutes unit: `ReLoginInterval` is in minutes with unit None.
 */
export const SIGN_IN_METRICS = {
  /** Trigger, per pool and client: sign-in trigger events seen (both triggers and retries count). */
  signInEvents: 'SignInEvents',
  /** Trigger, per pool and client: refresh-token trigger events seen. */
  refreshEvents: 'TokenRefreshEvents',
  /** Trigger: events it could not record (the sign-in went on). */
  recordFailures: 'RecordFailures',
  /** Check, per completed hour: logins after the replay's dedupe (session starts and re-logins). */
  logins: 'Logins',
  /** Check, per completed hour: logins inside a running session. */
  reLogins: 'ReLogins',
  /** Check, per completed hour: refreshes after the replay's dedupe. */
  tokenRefreshes: 'TokenRefreshes',
  /** Check, per completed hour: minutes since the previous login, one value per re-login. */
  reLoginInterval: 'ReLoginInterval',
} as const;
