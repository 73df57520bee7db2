/**
 * Publishes each completed hour's classified metrics exactly once per pool and client, whatever the
 * schedule does: EventBridge may start two overlapping runs, and a run may fail.
 *
 * Per client, the ledger keeps the end of the last published hour. A run reads it, takes a short lease
 * with a conditional write (of two overlapping runs only one gets it; the other publishes nothing for
 * that client), publishes every due hour with its own timestamp, then records the new end under the
 * lease. The hours go into the run's first PutMetricData, beside the report's metrics (one request).
 * A run that fails before publishing releases the lease (or it expires) and the next run
 * publishes the hours it missed. The one window left is a run that dies after CloudWatch took the data
 * and before the ledger write: the next run publishes those hours again (PutMetricData has no
 * idempotency key); it is a Lambda timeout between two calls milliseconds apart.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { NotificationLedger } from '../notifications';
import type { Clock } from '../shared/clock';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
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
  /** The client's replayed events, covering at least the last MAX_CATCH_UP_HOURS completed hours. */
  events: readonly ActivityEvent[];
}

/** Ledger key; JSON keeps pool and client apart whatever characters they hold. */
export function hourlyMetricsKey(userPoolId: string, clientId: string): string {
  return `hourly-metrics#${JSON.stringify([userPoolId, clientId])}`;
}

interface Claimed {
  key: string;
  owner: string;
  state: HourlyMetricsState;
  data: MetricDatum[];
}

async function claimDueHours(
  deps: HourlyMetricsDeps,
  client: ClientActivity,
  now: number,
): Promise<Claimed | null> {
  const key = hourlyMetricsKey(client.userPoolId, client.clientId);
  const { state, version } = await deps.ledger.read<HourlyMetricsState>(key);
  const hours = hoursDue(state, now);
  const last = hours.at(-1);
  if (last === undefined) return null;
  const owner = randomUUID();
  if (!(await deps.ledger.claim(key, version, { owner, now, until: now + LEASE_MS }))) return null;
  const dimensions = { UserPoolId: client.userPoolId, ClientId: client.clientId };
  return {
    key,
    owner,
    state: { publishedThrough: last + 3_600_000 },
    data: hours.flatMap((hour) => hourData(client.events, hour, dimensions)),
  };
}

export interface ClaimedHours {
  /** Every claimed hour's data, to go into the run's first PutMetricData. */
  data: MetricDatum[];
  /** Clients whose ledger entry could not be read or claimed: their hours wait for the next run. */
  failed: { clientId: string; error: unknown }[];
  /** Records the hours as published (after a publish that succeeded) or gives them back (after one that failed). */
  settle(published: boolean): Promise<void>;
}

/**
 * Claims the due hours of every client. Never throws: a client whose ledger fails is returned in `failed`.
 * `now` is the time the clients' activity was read up to: an hour that ended after it is not due yet,
 * whatever the clock says by the time of the claim.
 */
export async function claimHourlyMetrics(
  deps: HourlyMetricsDeps,
  clients: readonly ClientActivity[],
  now: number,
): Promise<ClaimedHours> {
  const claimed: Claimed[] = [];
  const failed: ClaimedHours['failed'] = [];
  for (const client of clients) {
    try {
      const claim = await claimDueHours(deps, client, now);
      if (claim !== null) claimed.push(claim);
    } catch (error) {
      failed.push({ clientId: client.clientId, error });
    }
  }
  return {
    data: claimed.flatMap((claim) => claim.data),
    failed,
    settle: async (published) => {
      for (const claim of claimed) {
        if (!published) {
          // If even the release fails, the lease expires and a later run publishes the hours.
          await deps.ledger.release(claim.key, claim.owner).catch(() => undefined);
          continue;
        }
        await deps.ledger
          .confirm(claim.key, claim.owner, claim.state, deps.clock.now().getTime())
          .catch((error: unknown) =>
            deps.logger.error('published the hourly metrics but could not record it', {
              key: claim.key,
              error: errorDetails(error),
            }),
          );
      }
    },
  };
}

/** A publisher whose first publish also settles the claimed hours: recorded when it succeeded, given back when not. */
export function settlingOnFirstPublish(publisher: MetricsPublisher, hours: ClaimedHours): MetricsPublisher {
  let settled = false;
  return {
    async publish(namespace, data) {
      if (settled) return publisher.publish(namespace, data);
      settled = true;
      try {
        await publisher.publish(namespace, data);
      } catch (error) {
        await hours.settle(false);
        throw error;
      }
      await hours.settle(true);
    },
  };
}
