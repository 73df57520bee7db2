/** What every advice kind decides from, and the severities it can have. */
import type { AppClientDescription } from '../../../app-clients';
import { type Messages, messagesFor } from '../../../shared/i18n';
import type { UpstreamFindings } from '../../../upstream';
import type { ActivityEvent } from '../activity';
import type { ActivitySummary } from '../activity-summary';

export type AdviceSeverity = 'warning' | 'info';

export interface AdviceInput {
  /** The activity the summary was made from (for the what-if). */
  events: readonly ActivityEvent[];
  summary: ActivitySummary;
  heavyReLogins: number;
  /** The app client's DescribeUserPoolClient answer; null when it could not be read. */
  client: AppClientDescription | null;
  /** Cognito's own `TokenRefreshSuccesses` for the client over the same window; null when unknown. */
  cognitoTokenRefreshes: number | null;
  /** Capped at Cognito's 1 day. */
  proposedValidityHours: number;
  /** Argo CD's `users.session.duration` in hours, as ARGOCD_SESSION_HOURS states it. */
  sessionHours: number;
  upstream?: UpstreamFindings | null;
  /** The language of the advice's text; English when left out. */
  messages?: Messages;
}

/** The advice's words: the input's locale, else English (advice text holds no time of day). */
export function adviceMessages(input: Pick<AdviceInput, 'messages'>): Messages {
  return input.messages ?? messagesFor('en', 'UTC');
}
