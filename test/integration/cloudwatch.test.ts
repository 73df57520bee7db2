import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCloudWatch, startFakeCloudWatch } from '../../local/stand-ins/fake-cloudwatch';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/stand-ins/local-aws';
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import {
  CloudWatchMetricsPublisher,
  MAX_REQUEST_BYTES,
} from '../../src/adapters/cloudwatch/metrics-publisher';
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
