import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCloudWatch, startFakeCloudWatch } from '../../local/stand-ins/fake-cloudwatch';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/stand-ins/local-aws';
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import {
  CloudWatchMetricsPublisher,
  MAX_REQUEST_BYTES,
} from '../../src/adapters/cloudwatch/metrics-publisher';
import type { ActivityEvent } from '../../src/relogins';
import { hourData } from '../../src/relogins/domain/hourly-metrics';
import type { MetricDatum } from '../../src/shared/ports/metrics-publisher';

const AT = Date.parse('2026-11-24T08:00:00Z');
const HOUR = 3_600_000;
const scope = { UserPoolId: 'ap-northeast-1_EXAMPLE', ClientId: 'argocdclient0example0000001' };

function datum(index: number, dimensions: Record<string, string> = scope): MetricDatum {
  return { name: `M${index % 7}`, value: index, unit: 'Count', dimensions, timestamp: AT };
}

describe('CloudWatch adapters (local CloudWatch JSON 1.0 stand-in)', () => {
  let cloudwatch: FakeCloudWatch;
  let client: CloudWatchClient;

  beforeAll(async () => {
    cloudwatch = await startFakeCloudWatch();
    client = new CloudWatchClient({
      endpoint: cloudwatch.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
  });
  afterAll(async () => {
    client.destroy();
    await cloudwatch.close();
  });
  beforeEach(() => {
    cloudwatch.calls.length = 0;
  });

  describe('Class: CloudWatchMetricsPublisher', () => {
    it('should send name, value, unit, dimensions and the timestamp in epoch seconds', async () => {
      // Act
      await new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', [
        { name: 'HeavyReLoginUsers', value: 4, unit: 'Count', dimensions: scope, timestamp: AT },
      ]);

      // Assess
      expect(cloudwatch.putData()).toEqual([
        {
          namespace: 'ArgoCD/Auth',
          name: 'HeavyReLoginUsers',
          value: 4,
          unit: 'Count',
          dimensions: scope,
          timestamp: AT / 1000,
        },
      ]);
    });

    it('should split 2,345 metrics into requests of at most 1,000, gzipped when large, losing none', async () => {
      // Act
      const data = Array.from({ length: 2345 }, (_, index) => datum(index));
      await new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', data);

      // Assess
      const requests = cloudwatch.calls.filter((call) => call.operation === 'PutMetricData');
      expect(requests.map((call) => (call.input.MetricData as unknown[]).length)).toEqual([1000, 1000, 345]);
      expect(requests[0]?.gzipped).toBe(true);
      expect(cloudwatch.putData().map((sent) => sent.value)).toEqual(data.map((sent) => sent.value));
    });

    it('should keep every request under 1 MB when the metrics are large', async () => {
      // Prepare: 30 dimensions of 1,000 characters make each datum about 31 kB.
      const dimensions = Object.fromEntries(
        Array.from({ length: 30 }, (_, index) => [`D${index}`, 'x'.repeat(1000)]),
      );
      const data = Array.from({ length: 100 }, (_, index) => datum(index, dimensions));

      // Act
      await new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', data);

      // Assess
      const requests = cloudwatch.calls.filter((call) => call.operation === 'PutMetricData');
      expect(requests.length).toBeGreaterThan(3);
      for (const request of requests) {
        expect(Buffer.byteLength(JSON.stringify(request.input))).toBeLessThan(MAX_REQUEST_BYTES + 16_384);
      }
      expect(cloudwatch.putData()).toHaveLength(100);
    });

    it('should send the values of one series in a row as Values and Counts, at most 150 distinct values a datum', async () => {
      // Prepare: 10,000 re-login intervals of 400 distinct values (0.1 to 40.0 min), one datum each.
      const intervals = Array.from({ length: 10_000 }, (_, index) => ({
        ...datum(0),
        name: 'ReLoginInterval',
        unit: 'None' as const,
        value: ((index % 400) + 1) / 10,
      }));
      const around = [datum(1), ...intervals, datum(2)];

      // Act
      await new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', around);

      // Assess: one request; the intervals as ceil(400 / 150) = 3 data whose counts add up.
      expect(cloudwatch.putRequests()).toBe(1);
      const sent = cloudwatch.putData();
      expect(sent.map((wire) => [wire.name, wire.values?.length ?? 'Value'])).toEqual([
        ['M1', 'Value'],
        ['ReLoginInterval', 150],
        ['ReLoginInterval', 150],
        ['ReLoginInterval', 100],
        ['M2', 'Value'],
      ]);
      const counted = sent.flatMap((wire) =>
        (wire.values ?? []).map((value, index) => [value, wire.counts?.[index]] as const),
      );
      expect(new Set(counted.map(([value]) => value)).size).toBe(400);
      expect(counted.every(([, count]) => count === 25)).toBe(true);
    });

    it("should send an hour of 10,000 users' distinct re-login intervals in one request", async () => {
      // Prepare: the hourly metrics publish an hour per request, so an hour must fit one.
      const hour = AT - HOUR;
      const events: ActivityEvent[] = Array.from({ length: 10_000 }, (_, index) => ({
        at: hour + index * 300,
        kind: 're-login',
        userPoolId: scope.UserPoolId,
        clientId: scope.ClientId,
        user: `user${index}`,
        intervalMinutes: 30 + index / 10,
      }));

      // Act
      await new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', hourData(events, hour, scope));

      // Assess: 3 counts and ceil(10,000 / 150) = 67 data of intervals, in one request under 1 MB.
      const requests = cloudwatch.calls.filter((call) => call.operation === 'PutMetricData');
      expect(requests).toHaveLength(1);
      expect(requests[0]?.input.MetricData as unknown[]).toHaveLength(3 + 67);
      expect(Buffer.byteLength(JSON.stringify(requests[0]?.input))).toBeLessThan(MAX_REQUEST_BYTES);
      const counts = cloudwatch.putData().flatMap((sent) => sent.counts ?? []);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10_000);
    });

    it('should send a publish within the limits as one request and add up repeated values', async () => {
      // Prepare: counts given, and one value repeated in a row.
      const data: MetricDatum[] = [
        { ...datum(0), name: 'ReLoginInterval', value: 60, count: 3 },
        { ...datum(0), name: 'ReLoginInterval', value: 60 },
        { ...datum(0), name: 'ReLoginInterval', value: 20.5, count: 2 },
      ];

      // Act
      await new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', data);

      // Assess
      expect(cloudwatch.putData().map(({ name, values, counts }) => ({ name, values, counts }))).toEqual([
        { name: 'ReLoginInterval', values: [60, 20.5], counts: [4, 2] },
      ]);
    });

    it('should leave the earlier requests published when a later one is refused, and reject', async () => {
      // Prepare: 2,345 metrics are three requests; CloudWatch refuses the second.
      const data = Array.from({ length: 2345 }, (_, index) => datum(index));
      cloudwatch.refusePuts({ after: 1, times: 1 });

      // Act
      const publish = new CloudWatchMetricsPublisher(client).publish('ArgoCD/Auth', data);

      // Assess: the port's contract that the hourly metrics rely on: no request after the refused one.
      await expect(publish).rejects.toThrow('refused by the test');
      expect(cloudwatch.putData().map((sent) => sent.value)).toEqual(
        data.slice(0, 1000).map((sent) => sent.value),
      );
      expect(cloudwatch.calls.filter((call) => call.operation === 'PutMetricData')).toHaveLength(2);
    });
  });

  describe('Class: CloudWatchCognitoUsage', () => {
    it("should sum Cognito's SignInSuccesses and TokenRefreshSuccesses of the client over the window", async () => {
      // Prepare
      const dimensions = {
        UserPool: 'ap-northeast-1_EXAMPLE',
        UserPoolClient: 'argocdclient0example0000001',
      };
      cloudwatch.setSeries('AWS/Cognito', 'SignInSuccesses', dimensions, [
        { at: AT - 30 * HOUR, value: 100 },
        { at: AT - 20 * HOUR, value: 7 },
        { at: AT - 2 * HOUR, value: 5 },
      ]);
      cloudwatch.setSeries('AWS/Cognito', 'TokenRefreshSuccesses', dimensions, [
        { at: AT - HOUR, value: 12 },
      ]);
      cloudwatch.setSeries('AWS/Cognito', 'SignInSuccesses', { ...dimensions, UserPoolClient: 'other' }, [
        { at: AT - HOUR, value: 1000 },
      ]);

      // Act
      const usage = await new CloudWatchCognitoUsage(client).read(
        { userPoolId: 'ap-northeast-1_EXAMPLE', clientId: 'argocdclient0example0000001' },
        AT - 24 * HOUR,
        AT,
      );

      // Assess
      expect(usage).toEqual({ signInSuccesses: 12, tokenRefreshSuccesses: 12 });
      const [query] = cloudwatch.calls.filter((call) => call.operation === 'GetMetricData');
      expect(query?.input).toMatchObject({ StartTime: (AT - 24 * HOUR) / 1000, EndTime: AT / 1000 });
    });

    it('should follow NextToken through every page of a long answer', async () => {
      // Prepare: 24 hourly points, served 5 per page.
      const paged = await startFakeCloudWatch({ pointsPerPage: 5 });
      const pagedClient = new CloudWatchClient({
        endpoint: paged.url,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      const dimensions = { UserPool: 'pool', UserPoolClient: 'client' };
      const hourly = Array.from({ length: 24 }, (_, hour) => ({ at: AT - (hour + 1) * HOUR, value: 2 }));
      paged.setSeries('AWS/Cognito', 'SignInSuccesses', dimensions, hourly);

      try {
        // Act
        const usage = await new CloudWatchCognitoUsage(pagedClient).read(
          { userPoolId: 'pool', clientId: 'client' },
          AT - 24 * HOUR,
          AT,
        );

        // Assess
        expect(usage).toEqual({ signInSuccesses: 48, tokenRefreshSuccesses: 0 });
        expect(paged.calls.filter((call) => call.operation === 'GetMetricData')).toHaveLength(5);
      } finally {
        pagedClient.destroy();
        await paged.close();
      }
    });

    it('should read zero when Cognito has no data points (no sign-ins at all)', async () => {
      // Act
      const usage = await new CloudWatchCognitoUsage(client).read(
        { userPoolId: 'quiet-pool', clientId: 'quiet-client' },
        AT - 24 * HOUR,
        AT,
      );

      // Assess
      expect(usage).toEqual({ signInSuccesses: 0, tokenRefreshSuccesses: 0 });
    });
  });
});
