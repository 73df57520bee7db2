/** Which sign-ins one run of the re-login check reads, and whose activity it reports. Pure. */
import { HOUR_MS } from '../../shared/durations';
import type { ActivityEvent } from './activity';
import { oldestHourDue } from './hourly-metrics';

export interface CheckWindow {
  /** The report window: (from, now]. */
  from: number;
  now: number;
  /** The oldest activity the run needs: the window's start or the oldest hour the hourly metrics may still publish. */
  oldest: number;
  /** Where the read starts: ARGOCD_SESSION_HOURS before `oldest`, so a login early on is classified as with full history. */
  readFrom: number;
}

export function checkWindow(now: number, windowHours: number, sessionHours: number): CheckWindow {
  const from = now - windowHours * HOUR_MS;
  const oldest = Math.min(from, oldestHourDue(now));
  return { from, now, oldest, readFrom: oldest - sessionHours * HOUR_MS };
}

/**
 * The replayed activity since `oldest`, per client: the clients named (ARGOCD_CLIENT_IDS, each even
 * without activity), or, when none is named, every client seen.
 */
export function activityByClient(
  events: Iterable<ActivityEvent>,
  clientIds: readonly string[],
  oldest: number,
): Map<string, ActivityEvent[]> {
  const byClient = new Map<string, ActivityEvent[]>(clientIds.map((clientId) => [clientId, []]));
  for (const event of events) {
    if (event.at < oldest) continue;
    const clientEvents = byClient.get(event.clientId) ?? (clientIds.length === 0 ? [] : undefined);
    if (clientEvents === undefined) continue;
    clientEvents.push(event);
    byClient.set(event.clientId, clientEvents);
  }
  return byClient;
}

/** The client's events in the report window; null when a client found by its activity has none there (not reported). */
export function eventsToReport(
  events: readonly ActivityEvent[],
  window: Pick<CheckWindow, 'from' | 'now'>,
  clientNamed: boolean,
): ActivityEvent[] | null {
  const inWindow = events.filter((event) => event.at > window.from && event.at <= window.now);
  return !clientNamed && inWindow.length === 0 ? null : inWindow;
}
