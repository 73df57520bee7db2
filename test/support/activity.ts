/** Activity of a small team for advice tests: events minutes after T0 in one pool and app client. */
import type { ActivityEvent } from '../../src/relogins/domain/activity';
import { summariseActivity } from '../../src/relogins/domain/activity-summary';
import type { AdviceInput } from '../../src/relogins/domain/advice';
import { fixtureClient } from './app-clients';

export const T0 = Date.parse('2026-11-23T08:00:00Z');
export const MINUTE = 60_000;

/** `user`'s event of `kind`, `minutes` after T0; a re-login comes an hour after the previous sign-in. */
export function activityAt(user: string, kind: ActivityEvent['kind'], minutes: number): ActivityEvent {
  return {
    at: T0 + minutes * MINUTE,
    kind,
    user,
    username: user,
    userPoolId: 'ap-northeast-1_EXAMPLE',
    clientId: 'argocdclient0example0000001',
    intervalMinutes: kind === 're-login' ? 60 : null,
  };
}

/** The advice's input for `events` over the day from T0 (heavy at 3), on the shared fixture client. */
export function adviceInputFor(events: ActivityEvent[], overrides: Partial<AdviceInput> = {}): AdviceInput {
  return {
    events,
    summary: summariseActivity(events, { minReLogins: 3, windowHours: 24, windowEnd: T0 + 24 * 60 * MINUTE }),
    heavyReLogins: 3,
    client: fixtureClient(),
    cognitoTokenRefreshes: 0,
    proposedValidityHours: 8,
    sessionHours: 24,
    ...overrides,
  };
}
