/**
 * Publishes each completed hour's classified metrics exactly once per pool and client, whatever the
 * schedule does: EventBridge may start two overlapping runs, and a run or one of its requests may fail.
 *
 * Per client, the ledger keeps the end of the last published hour. For each due hour, oldest first, a
 * run takes a short lease with a conditional write (of two overlapping runs only one gets it; the other
 * leaves the client alone), publishes the hour in a PutMetricData of its own and records the hour's end
 * under the lease, which drops it. One hour, one request: a request is accepted or refused whole, so an
 * hour is either published and recorded or not sent at all. (Sending several hours in one publish would
 * split it into requests past 1,000 data, and a refusal after the first request would leave the hours
 * it carried published but not recorded, to be published twice.) A refused hour gives its lease back
 * and stops the client's hours for this run; the next run publishes it and the ones after it.
 *
 * The one window left is a run that dies after CloudWatch took an hour and before the ledger write: the
 * next run publishes that hour again (PutMetricData has no idempotency key); it is a Lambda timeout
 * between two calls milliseconds apart, and it costs one hour, not the run's.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { NotificationLedger } from '../notifications';
import type { Clock } from '../shared/clock';
import { HOUR_MS } from '../shared/durations';
import type { MetricsPublisher } from '../shared/ports/metrics-publisher';
import { errorDetails } from '../shared/telemetry';
import type { ActivityEvent } from './domain/activity';
import { type HourlyMetricsState, hourData, hoursDue } from './domain/hourly-metrics';

/** Far longer than one publish, far shorter than the hour between scheduled runs. */
const LEASE_MS = 5 * 60_000;

export interface HourlyMetricsDeps {
  ledger: NotificationLedger;
  metrics: MetricsPublisher;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
}

export interface ClientActivity {
  userPoolId: string;
  clientId: string;
  /** The client's replayed events, from at least `oldestHourDue(now)` on. */
  events: readonly ActivityEvent[];
}

export interface HourlyMetricsOutcome {
  /** Clients whose ledger entry could not be read or claimed: their hours wait for the next run. */
  failed: { clientId: string; error: unknown }[];
  /** The first refused publish, to fail the run with once its other work is done; null when none was. */
  refused: { error: unknown } | null;
}

/** Ledger key; JSON keeps pool and client apart whatever characters they hold. */
export function hourlyMetricsKey(userPoolId: string, clientId: string): string {
  return `hourly-metrics#${JSON.stringify([userPoolId, clientId])}`;
}

/**
 * One client's due hours, each claimed, published and recorded in turn.
 * @returns the refusal that stopped them, if one did.
 * @throws when the ledger cannot be read or claimed.
 */
async function publishClientHours(
  deps: HourlyMetricsDeps,
  namespace: string,
  client: ClientActivity,
  { now, heldFrom }: { now: number; heldFrom?: number },
): Promise<{ error: unknown } | null> {
  const key = hourlyMetricsKey(client.userPoolId, client.clientId);
  const dimensions = { UserPoolId: client.userPoolId, ClientId: client.clientId };
  const entry = await deps.ledger.read<HourlyMetricsState>(key);
  let { version } = entry;
  for (const hour of hoursDue(entry.state, now, heldFrom)) {
    const owner = randomUUID();
    const leaseFrom = deps.clock.now().getTime();
    // Another run holds the lease or got further: it publishes this hour and the ones after it.
    if (!(await deps.ledger.claim(key, version, { owner, now: leaseFrom, until: leaseFrom + LEASE_MS }))) {
      return null;
    }
    try {
      await deps.metrics.publish(namespace, hourData(client.events, hour, dimensions));
    } catch (error) {
      // If even the release fails, the lease expires and a later run publishes the hour.
      await deps.ledger.release(key, owner).catch(() => undefined);
      return { error };
    }
    const state: HourlyMetricsState = { publishedThrough: hour + HOUR_MS };
    try {
      await deps.ledger.confirm(key, owner, state, deps.clock.now().getTime());
    } catch (error) {
      deps.logger.error('published the hourly metrics but could not record it', {
        key,
        hour: new Date(hour).toISOString(),
        error: errorDetails(error),
      });
      return null;
    }
    version += 1;
  }
  return null;
}

/**
 * Publishes the due hours of every client. Never throws: a client whose ledger fails is returned in
 * `failed`, a refused publish in `refused`. `now` is the time the clients' activity was read up to: an
 * hour that ended after it (with SETTLE_MS to spare) is not due yet, whatever the clock says later;
 * nor is one that ended after `heldFrom`: it waits for a later run.
 */
export async function publishHourlyMetrics(
  deps: HourlyMetricsDeps,
  namespace: string,
  clients: readonly ClientActivity[],
  now: number,
  heldFrom?: number,
): Promise<HourlyMetricsOutcome> {
  const failed: HourlyMetricsOutcome['failed'] = [];
  let refused: HourlyMetricsOutcome['refused'] = null;
  for (const client of clients) {
    try {
      const refusal = await publishClientHours(deps, namespace, client, {
        now,
        ...(heldFrom === undefined ? {} : { heldFrom }),
      });
      refused ??= refusal;
    } catch (error) {
      failed.push({ clientId: client.clientId, error });
    }
  }
  return { failed, refused };
}
