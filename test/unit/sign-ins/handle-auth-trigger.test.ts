/**
 * The Cognito trigger's use case over the in-memory activity store, with Powertools' real EMF metrics
 * captured from stdout and fake timers for the time budget: every event comes back as it came, and
 * what was recorded and counted. Through the deployed module against DynamoDB Local and faulty
 * endpoints: test/integration/auth-event-handler.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../src/shared/clock';
import { createEmfMetrics } from '../../../src/shared/telemetry';
import { type AuthTriggerStartup, handleAuthTrigger } from '../../../src/sign-ins/handle-auth-trigger';
import { captureOutput, metricTotals } from '../../support/emf';
import { FakeActivityStore } from '../../support/fakes/activity-store';
import { RecordingLogger } from '../../support/fakes/logger';
import { cognitoFixture } from '../../support/fixtures';

const BUDGET_MS = 300;
const AT = Date.parse('2026-11-24T09:00:00Z');
const HOUR = 3_600_000;
const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth');
const postAuth = cognitoFixture('post-authentication');
const refresh = cognitoFixture('pre-token-v2-refresh');
const CLIENT_ID = 'argocdclient0example0000001';
/** The EMF dimensions of every line: the pool and client, never a user. */
const DIMENSIONS = { UserPoolId: 'ap-northeast-1_EXAMPLE', ClientId: CLIENT_ID };

function setUp(options: { tracked?: string[] } = {}) {
  const store = new FakeActivityStore();
  const clock = fixedClock(new Date(AT));
  const logger = new RecordingLogger();
  const startup: AuthTriggerStartup = {
    deps: {
      store,
      clock,
      settings: {
        trackedClientIds: new Set(options.tracked ?? [CLIENT_ID]),
        rules: { dedupeSeconds: 30, sessionHours: 24 },
        budgetMs: BUDGET_MS,
        maxAttempts: 5,
      },
    },
  };
  /** One invocation with the given start-up; metrics and log lines captured. */
  const invoke = async <E>(event: E, start: AuthTriggerStartup = startup) => {
    const telemetry = { logger, metrics: createEmfMetrics('Test/Auth') };
    const before = JSON.stringify(event);
    const { result, output } = await captureOutput(async () => {
      const returned = await handleAuthTrigger(start, telemetry, event);
      // What Powertools' logMetrics does at the end of each invocation (src/shared/lambda-startup.ts).
      telemetry.metrics.publishStoredMetrics();
      return returned;
    });
    return { result, metrics: output.metrics, unchanged: JSON.stringify(result) === before };
  };
  return { store, clock, logger, invoke };
}

describe('Use case: handleAuthTrigger (in-memory activity store)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should record a sign-in, count it with the pool and client as dimensions, and return the very event', async () => {
    // Prepare
    const { store, invoke } = setUp();
    const event = structuredClone(hostedAuth);

    // Act
    const { result, metrics, unchanged } = await invoke(event);

    // Assess
    expect(result).toBe(event);
    expect(unchanged).toBe(true);
    expect(store.events.map((item) => [item.kind, item.username, item.at])).toEqual([
      ['session-start', 'alice', AT],
    ]);
    expect(metricTotals(metrics)).toEqual({ Logins: 1 });
    expect(metrics[0]?._aws).toMatchObject({
      CloudWatchMetrics: [{ Namespace: 'Test/Auth', Dimensions: [['UserPoolId', 'ClientId']] }],
    });
    expect(metrics[0]).toMatchObject(DIMENSIONS);
  });

  it('should count a sign-in that fires both triggers once, and a refresh as a refresh', async () => {
    // Prepare
    const { invoke } = setUp();

    // Act
    const first = await invoke(postAuth);
    const second = await invoke({ ...postAuth, triggerSource: 'TokenGeneration_HostedAuth' });
    const refreshed = await invoke(refresh);

    // Assess
    expect(metricTotals(first.metrics)).toEqual({ Logins: 1 });
    expect(second.metrics).toEqual([]);
    expect(metricTotals(refreshed.metrics)).toEqual({ TokenRefreshes: 1 });
  });

  it('should count a sign-in later in the session as a re-login, with its interval in minutes', async () => {
    // Prepare
    const { clock, invoke } = setUp();
    await invoke(hostedAuth);
    clock.set(new Date(AT + HOUR));

    // Act
    const { metrics } = await invoke(hostedAuth);

    // Assess
    expect(metricTotals(metrics)).toEqual({ Logins: 1, ReLogins: 1, ReLoginInterval: 60 });
  });

  it('should ignore an untracked client without writing or counting anything', async () => {
    // Prepare
    const { store, logger, invoke } = setUp({ tracked: ['another-client'] });

    // Act
    const { unchanged, metrics } = await invoke(hostedAuth);

    // Assess
    expect(unchanged).toBe(true);
    expect(metrics).toEqual([]);
    expect(store.calls).toEqual([]);
    expect(logger.messages('DEBUG')).toEqual(['ignored trigger event']);
  });

  it('should return the event and count a RecordFailure when the start-up failed', async () => {
    // Prepare
    const { store, logger, invoke } = setUp();
    const event = structuredClone(hostedAuth);

    // Act
    const { result, metrics } = await invoke(event, {
      error: new Error('TABLE_NAME is required but not set'),
    });

    // Assess
    expect(result).toBe(event);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
    expect(metrics[0]).toMatchObject(DIMENSIONS);
    expect(store.calls).toEqual([]);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'could not record sign-in; the sign-in goes on',
        error: { name: 'Error', message: 'TABLE_NAME is required but not set' },
      }),
    ]);
  });

  it.each([
    ['null', null],
    ['a string', 'TokenGeneration_HostedAuth'],
    ['a missing userPoolId', { ...hostedAuth, userPoolId: undefined }],
  ])('should return %s unchanged and count a RecordFailure', async (_name, event) => {
    // Prepare
    const { invoke } = setUp();

    // Act
    const { result, metrics } = await invoke(event);

    // Assess
    expect(result).toBe(event);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
  });

  it('should count a RecordFailure when the store fails, and still return the event', async () => {
    // Prepare
    const { store, invoke } = setUp();
    store.script.failNext('readUserState', new Error('ProvisionedThroughputExceededException'));
    const event = structuredClone(hostedAuth);

    // Act
    const { result, metrics } = await invoke(event);

    // Assess
    expect(result).toBe(event);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
  });

  it('should give up at the budget, not before, when the store never answers', async () => {
    // Prepare
    vi.useFakeTimers();
    const { store, logger, invoke } = setUp();
    store.script.hangNext('readUserState');
    const event = structuredClone(hostedAuth);
    let settled = false;

    // Act
    const invocation = invoke(event).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(BUDGET_MS - 1);
    const settledBeforeBudget = settled;
    await vi.advanceTimersByTimeAsync(1);
    const { result, metrics } = await invocation;

    // Assess
    expect(settledBeforeBudget).toBe(false);
    expect(result).toBe(event);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
    expect(store.events).toEqual([]);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        error: { name: 'BudgetExceededError', message: `gave up after the ${BUDGET_MS} ms budget` },
      }),
    );
  });
});
