/**
 * Each hour's classified metrics exactly once, over in-memory fakes: an hour per request, recorded as
 * soon as it is accepted, so a refusal mid-run neither loses nor doubles an hour.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins';
import {
  type ClientActivity,
  hourlyMetricsKey,
  publishHourlyMetrics,
} from '../../../src/relogins/publish-hourly-metrics';
import { fixedClock } from '../../../src/shared/clock';
import { HOUR_MS } from '../../../src/shared/durations';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeMetricsPublisher } from '../../support/fakes/metrics-publisher';
import { FakeNotificationLedger } from '../../support/fakes/notification-ledger';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const OTHER = 'argocdclient0example0000002';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const FIVE_PAST = 5 * 60_000;

/** One re-login an hour, 60 min apart, from `from` to `to` (hours of the day). */
function activity(clientId: string, from: number, to: number): ClientActivity {
  const events: ActivityEvent[] = [];
  for (let hour = from; hour <= to; hour += 1) {
    const at = DAY_START + hour * HOUR_MS + 60_000;
    events.push({ at, kind: 're-login', userPoolId: POOL, clientId, user: 'u', intervalMinutes: 60 });
  }
  return { userPoolId: POOL, clientId, events };
}

function setUp() {
  const fakes = {
    ledger: new FakeNotificationLedger(),
    metrics: new FakeMetricsPublisher(),
    logger: new RecordingLogger(),
  };
  const run = (at: number, clients: readonly ClientActivity[]) =>
    publishHourlyMetrics({ ...fakes, clock: fixedClock(new Date(at)) }, 'Test/Auth', clients, at);
  /** The hours published for a client, as HH:MM of their timestamps, in publishing order. */
  const published = (clientId = CLIENT) =>
    fakes.metrics
      .data()
      .filter((datum) => datum.name === 'Logins' && datum.dimensions.ClientId === clientId)
      .map((datum) => new Date(datum.timestamp).toISOString().slice(11, 16));
  const publishedThrough = (clientId = CLIENT) =>
    (fakes.ledger.entry(hourlyMetricsKey(POOL, clientId))?.state as { publishedThrough: number } | undefined)
      ?.publishedThrough;
  return { ...fakes, run, published, publishedThrough };
}

describe('Use case: publishHourlyMetrics', () => {
  it('should publish each due hour in a request of its own, oldest first, with its own timestamp', async () => {
    // Prepare: 14:00 published by the 15:05 run; the 16:05 and 17:05 runs were missed.
    const fakes = setUp();
    const client = activity(CLIENT, 9, 17);
    await fakes.run(DAY_START + 15 * HOUR_MS + FIVE_PAST, [client]);

    // Act
    const outcome = await fakes.run(DAY_START + 18 * HOUR_MS + FIVE_PAST, [client]);

    // Assess
    expect(outcome).toEqual({ failed: [], refused: null });
    expect(fakes.published()).toEqual(['14:00', '15:00', '16:00', '17:00']);
    expect(
      fakes.metrics.requests.map(({ data }) => new Set(data.map((datum) => datum.timestamp)).size),
    ).toEqual([1, 1, 1, 1]);
    expect(fakes.publishedThrough()).toBe(DAY_START + 18 * HOUR_MS);
  });

  it('should record the hours accepted before a refused one, give back only that one, and publish it next run', async () => {
    // Prepare: three hours due (14:00 to 16:00); CloudWatch takes the first and refuses the second.
    const fakes = setUp();
    const client = activity(CLIENT, 9, 17);
    await fakes.run(DAY_START + 14 * HOUR_MS + FIVE_PAST, [client]);
    fakes.metrics.script
      .beforeNext('publish', () => undefined)
      .failNext('publish', new Error('Throttling: Rate exceeded'));

    // Act
    const refused = await fakes.run(DAY_START + 17 * HOUR_MS + FIVE_PAST, [client]);
    const recorded = fakes.publishedThrough();
    const next = await fakes.run(DAY_START + 18 * HOUR_MS + FIVE_PAST, [client]);

    // Assess: 14:00 was recorded at once; 15:00 was given back (no lease left), 16:00 never sent.
    expect(refused).toEqual({ failed: [], refused: { error: new Error('Throttling: Rate exceeded') } });
    expect(recorded).toBe(DAY_START + 15 * HOUR_MS);
    expect(next).toEqual({ failed: [], refused: null });
    expect(fakes.published()).toEqual(['13:00', '14:00', '15:00', '16:00', '17:00']);
    expect(fakes.ledger.entry(hourlyMetricsKey(POOL, CLIENT))?.lease).toBeNull();
  });

  it('should publish each hour once when a second run starts while the first is publishing', async () => {
    // Prepare: three hours due; a second run starts as the first publishes its second hour.
    const fakes = setUp();
    const client = activity(CLIENT, 9, 17);
    await fakes.run(DAY_START + 14 * HOUR_MS + FIVE_PAST, [client]);
    let overlapping: ReturnType<typeof fakes.run> | undefined;
    fakes.metrics.script
      .beforeNext('publish', () => undefined)
      .beforeNext('publish', () => {
        overlapping = fakes.run(DAY_START + 17 * HOUR_MS + FIVE_PAST, [client]);
        return overlapping;
      });

    // Act
    const first = await fakes.run(DAY_START + 17 * HOUR_MS + FIVE_PAST, [client]);

    // Assess: the second run found the hour claimed and left the client to the first.
    expect(await overlapping).toEqual({ failed: [], refused: null });
    expect(first).toEqual({ failed: [], refused: null });
    expect(fakes.published()).toEqual(['13:00', '14:00', '15:00', '16:00']);
    expect(fakes.publishedThrough()).toBe(DAY_START + 17 * HOUR_MS);
  });

  it("should go on with the other clients after one client's hour is refused, and return the refusal", async () => {
    // Prepare
    const fakes = setUp();
    fakes.metrics.script.failNext('publish', new Error('Throttling: Rate exceeded'));

    // Act
    const outcome = await fakes.run(DAY_START + 18 * HOUR_MS + FIVE_PAST, [
      activity(CLIENT, 9, 17),
      activity(OTHER, 9, 17),
    ]);

    // Assess
    expect(outcome.refused).toEqual({ error: new Error('Throttling: Rate exceeded') });
    expect([fakes.published(CLIENT), fakes.published(OTHER)]).toEqual([[], ['17:00']]);
    expect([fakes.publishedThrough(CLIENT), fakes.publishedThrough(OTHER)]).toEqual([
      undefined,
      DAY_START + 18 * HOUR_MS,
    ]);
  });

  it('should return a client whose ledger cannot be read as failed, publishing none of its hours', async () => {
    // Prepare
    const fakes = setUp();
    fakes.ledger.script.failNext('read', new Error('ProvisionedThroughputExceededException'));

    // Act
    const outcome = await fakes.run(DAY_START + 18 * HOUR_MS + FIVE_PAST, [
      activity(CLIENT, 9, 17),
      activity(OTHER, 9, 17),
    ]);

    // Assess
    expect(outcome).toEqual({
      failed: [{ clientId: CLIENT, error: new Error('ProvisionedThroughputExceededException') }],
      refused: null,
    });
    expect([fakes.published(CLIENT), fakes.published(OTHER)]).toEqual([[], ['17:00']]);
  });

  it('should log an accepted hour it could not record, and leave the later hours to the next run', async () => {
    // Prepare: two hours due; the ledger write after the first one fails.
    const fakes = setUp();
    const client = activity(CLIENT, 9, 17);
    await fakes.run(DAY_START + 15 * HOUR_MS + FIVE_PAST, [client]);
    fakes.ledger.script.failNext('confirm', new Error('InternalServerError'));

    // Act
    const outcome = await fakes.run(DAY_START + 17 * HOUR_MS + FIVE_PAST, [client]);

    // Assess
    expect(outcome).toEqual({ failed: [], refused: null });
    expect(fakes.published()).toEqual(['14:00', '15:00']);
    expect(fakes.publishedThrough()).toBe(DAY_START + 15 * HOUR_MS);
    expect(fakes.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'published the hourly metrics but could not record it',
        hour: '2026-11-24T15:00:00.000Z',
      }),
    );
  });
});
