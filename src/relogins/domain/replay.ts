/**
 * Runs recorded signals through the session rules in time order, in memory: what the trigger does
 * through DynamoDB, for offline analysis and as the reference the store is checked against.
 */

import type { AuthSignal } from '../../sign-ins';
import { type ActivityEvent, activityFor } from './activity';
import { applySignal, EMPTY_SESSION_STATE, type SessionRules, type UserSessionState } from './session-rules';

export interface TimedSignal {
  /** Epoch ms. */
  at: number;
  signal: AuthSignal;
}

export function replaySignals(signals: readonly TimedSignal[], rules: SessionRules): ActivityEvent[] {
  const states = new Map<string, UserSessionState>();
  const events: ActivityEvent[] = [];
  const ordered = [...signals].sort((a, b) => a.at - b.at);
  for (const { at, signal } of ordered) {
    const key = `${signal.userPoolId}\u0000${signal.clientId}\u0000${signal.user}`;
    const { outcome, next } = applySignal(states.get(key) ?? EMPTY_SESSION_STATE, signal.kind, at, rules);
    states.set(key, next);
    const event = activityFor(signal, at, outcome);
    if (event !== null) events.push(event);
  }
  return events;
}
