import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { captureOutput, metricTotals } from '../../../local/stand-ins/emf';
import { lambdaContext } from '../../../local/stand-ins/lambda-context';
import { fixedClock } from '../../../src/shared/clock';
import { DeadlineExceededError, ensureTimeFor, FINISH_RESERVE_MS } from '../../../src/shared/deadline';
import { cognitoTrigger, type JobRun, scheduledJob, startUp } from '../../../src/shared/lambda-startup';
import { createEmfMetrics, createLogger } from '../../../src/shared/telemetry';

const clock = fixedClock('2026-11-24T08:00:00Z');

describe('Function: startUp', () => {
  it('should keep a failing cold start as a value instead of throwing', async () => {
    const failure = new Error('TABLE_NAME is required but not set');
    await expect(
      startUp(() => {
        throw failure;
      }),
    ).resolves.toEqual({ error: failure });
    await expect(startUp(async () => ({ clock }))).resolves.toEqual({ deps: { clock } });
  });
});

describe('Function: scheduledJob', () => {
  it('should put the request id, cold start and function name on every log line of the job', async () => {
    // Prepare
    const logger = createLogger();
    const handler = scheduledJob({ logger }, { deps: { clock } }, async () => {
      logger.info('working');
      return 'done';
    });
    const first = lambdaContext({ functionName: 'relogin-check' });
    const second = lambdaContext({ functionName: 'relogin-check' });

    // Act
    const { output } = await captureOutput(async () => {
      await handler({}, first);
      await handler({}, second);
    });

    // Assess
    expect(output.logs).toEqual([
      expect.objectContaining({
        message: 'working',
        function_request_id: first.awsRequestId,
        function_name: 'relogin-check',
        cold_start: expect.any(Boolean),
      }),
      expect.objectContaining({ function_request_id: second.awsRequestId, cold_start: false }),
    ]);
  });

  it('should log a start-up failure with the request id and fail the invocation', async () => {
    // Prepare
    const failure = new Error('ARGOCD_CLIENT_IDS must list the Argo CD app client ids to check');
    const handler = scheduledJob<{ clock: typeof clock }, string>(
      { logger: createLogger() },
      { error: failure },
      async () => 'never run',
    );
    const context = lambdaContext();

    // Act
    const { result, output } = await captureOutput(() => handler({}, context).catch((error) => error));

    // Assess
    expect(result).toBe(failure);
    expect(output.logs).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: context.awsRequestId,
        error: expect.objectContaining({ message: failure.message }),
      }),
    ]);
  });

  it("should give the job a deadline: Lambda's remaining time less the reserve for finishing", async () => {
    // Prepare
    const runs: JobRun[] = [];
    const handler = scheduledJob({ logger: createLogger() }, { deps: { clock } }, async (_deps, run) => {
      runs.push(run);
    });

    // Act
    await handler({}, lambdaContext({ remainingMs: () => 60_000 }));
    await handler({});

    // Assess: the fixed clock does not move, so the time left is exact.
    expect(runs[0]?.deadline.remainingMs()).toBe(60_000 - FINISH_RESERVE_MS);
    expect(runs[1]?.deadline.remainingMs()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Function: cognitoTrigger', () => {
  const event = { triggerSource: 'TokenGeneration_HostedAuth' };

  it("should flush the invocation's EMF metrics at its end, and nothing when nothing was measured", async () => {
    // Prepare
    const logger = createLogger();
    const metrics = createEmfMetrics('Test/Auth', logger);
    let measure = true;
    const handler = cognitoTrigger({ logger, metrics }, { deps: {} }, async (_startup, telemetry, given) => {
      if (measure) telemetry.metrics.addMetric('Logins', 'Count', 1);
      return given;
    });

    // Act
    const { output: measured } = await captureOutput(() => handler(event, lambdaContext()));
    measure = false;
    const { output: quiet } = await captureOutput(() => handler(event, lambdaContext()));

    // Assess: no warning either for the quiet invocation (an ignored sign-in is normal).
    expect(metricTotals(measured.metrics)).toEqual({ Logins: 1 });
    expect(quiet.metrics).toEqual([]);
    expect(quiet.logs.filter((line) => line.level !== 'DEBUG')).toEqual([]);
  });

  it('should return the very event even when writing the metrics fails', async () => {
    // Prepare: a Metrics whose flush throws, as a full stdout or a serialisation bug would.
    class FailingMetrics extends Metrics {
      override publishStoredMetrics(): this {
        throw new Error('EMF serialisation failed');
      }
    }
    const logger = createLogger();
    const metrics = new FailingMetrics({ namespace: 'Test/Auth' });
    const handler = cognitoTrigger(
      { logger, metrics },
      { deps: {} },
      async (_startup, _telemetry, given) => given,
    );

    // Act
    const { result, output } = await captureOutput(() => handler(event, lambdaContext()));

    // Assess
    expect(result).toBe(event);
    expect(JSON.stringify(output.logs)).toContain('EMF serialisation failed');
  });
});

describe('Function: ensureTimeFor', () => {
  it('should refuse a step that cannot finish before the deadline, naming it', () => {
    const deadline = { remainingMs: () => 4_000 };
    expect(() => ensureTimeFor(deadline, 4_000, 'one GitHub request')).not.toThrow();
    expect(() => ensureTimeFor(deadline, 4_001, 'one GitHub request')).toThrow(DeadlineExceededError);
    expect(() => ensureTimeFor(deadline, 10_000, 'one GitHub request')).toThrow(
      'out of time: one GitHub request may take 10000 ms, 4000 ms left before the deadline',
    );
  });
});
