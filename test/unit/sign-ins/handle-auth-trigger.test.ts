/**
 * The Cognito trigger's use case over the in-memory sign-in log, with Powertools' real EMF metrics
 * captured from stdout and fake timers for the time budget: every event comes back as it came, one
 * append per tracked event, and what was counted. Sessions and re-logins are the replay's to decide
 * (test/unit/relogins/replay.test.ts); here the replay only shows what the appended log leads to.
 * Through the deployed module against DynamoDB Local and faulty endpoints:
 * test/integration/auth-event-handler.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput, metricTotals } from '../../../local/stand-ins/emf';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { replaySignIns } from '../../../src/relogins';
import { fixedClock } from '../../../src/shared/clock';
import { createEmfMetrics } from '../../../src/shared/telemetry';
import { readUnrecordedLine } from '../../../src/sign-ins/domain/unrecorded-sign-in';
import {
  type AuthTriggerStartup,
  handleAuthTrigger,
  type KeptAttributes,
} from '../../../src/sign-ins/handle-auth-trigger';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeSignInLog } from '../../support/fakes/sign-in-log';

const BUDGET_MS = 300;
const AT = Date.parse('2026-11-24T09:00:00Z');
const HOUR = 3_600_000;
const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth');
const postAuth = cognitoFixture('post-authentication');
const refresh = cognitoFixture('pre-token-v2-refresh');
const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT_ID = 'argocdclient0example0000001';
const ALICE = '0b6c3a5e-1111-4f3a-9c1e-5a7d2f9e0001';
const BOB = '5e2f7c10-2222-4b7d-8e3a-1c9b6d4a0002';
/** The EMF dimensions of every line: the pool and client, never a user. */
const DIMENSIONS = { UserPoolId: POOL, ClientId: CLIENT_ID };
const rules = { dedupeSeconds: 30, sessionHours: 24 };
/** The item the trigger writes for the hosted-auth fixture (user name kept). */
const HOSTED_AUTH_ITEM = {
  at: AT,
  kind: 'login',
  triggerSource: 'TokenGeneration_HostedAuth',
  userPoolId: POOL,
  clientId: CLIENT_ID,
  user: ALICE,
  username: 'alice',
};

function setUp(options: { tracked?: string[]; keep?: KeptAttributes } = {}) {
  const log = new FakeSignInLog();
  const clock = fixedClock(new Date(AT));
  const logger = new RecordingLogger();
  const startup: AuthTriggerStartup = {
    deps: {
      log,
      clock,
      settings: {
        trackedClientIds: new Set(options.tracked ?? [CLIENT_ID]),
        budgetMs: BUDGET_MS,
        keep: options.keep ?? { username: true, email: false },
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
  return { log, clock, logger, invoke };
}

describe('Use case: handleAuthTrigger (in-memory sign-in log)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should append a sign-in, count it with the pool and client as dimensions, and return the very event', async () => {
    // Prepare
    const { log, invoke } = setUp();
    const event = structuredClone(hostedAuth);

    // Act
    const { result, metrics, unchanged } = await invoke(event);

    // Assess
    expect(result).toBe(event);
    expect(unchanged).toBe(true);
    expect(log.argsOf('append')).toEqual([
      [
        {
          at: AT,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          userPoolId: POOL,
          clientId: CLIENT_ID,
          user: ALICE,
          username: 'alice',
        },
        { abortSignal: expect.any(AbortSignal) },
      ],
    ]);
    expect(log.calls.map((call) => call.operation)).toEqual(['append']);
    expect(metricTotals(metrics)).toEqual({ SignInEvents: 1 });
    expect(metrics[0]?._aws).toMatchObject({
      CloudWatchMetrics: [{ Namespace: 'Test/Auth', Dimensions: [['UserPoolId', 'ClientId']] }],
    });
    expect(metrics[0]).toMatchObject(DIMENSIONS);
  });

  it.each([
    ['nothing of the user (hashed labels)', { username: false, email: false }, {}],
    ['the user name', { username: true, email: false }, { username: 'alice' }],
    ['the email', { username: false, email: true }, { email: 'alice@example.com' }],
    ['both', { username: true, email: true }, { username: 'alice', email: 'alice@example.com' }],
  ])('should log %s when REPORT_IDENTITY shows it', async (_name, keep, kept) => {
    // Prepare
    const { log, invoke } = setUp({ keep });

    // Act
    await invoke(hostedAuth);

    // Assess
    expect(log.signIns()).toStrictEqual([
      {
        at: AT,
        kind: 'login',
        triggerSource: 'TokenGeneration_HostedAuth',
        userPoolId: POOL,
        clientId: CLIENT_ID,
        user: ALICE,
        ...kept,
      },
    ]);
  });

  it('should append and count every trigger event of a sign-in, which the replay counts once, and a refresh as a refresh', async () => {
    // Prepare
    const { log, invoke } = setUp();

    // Act
    const first = await invoke(postAuth);
    const second = await invoke({ ...postAuth, triggerSource: 'TokenGeneration_HostedAuth' });
    const refreshed = await invoke(refresh);

    // Assess: the trigger counts events, the replay decides what they were.
    expect(metricTotals(first.metrics)).toEqual({ SignInEvents: 1 });
    expect(metricTotals(second.metrics)).toEqual({ SignInEvents: 1 });
    expect(metricTotals(refreshed.metrics)).toEqual({ TokenRefreshEvents: 1 });
    expect(log.argsOf('append')).toHaveLength(3);
    expect(
      log.signIns().map((signIn) => [signIn.kind, signIn.triggerSource, signIn.user, signIn.at]),
    ).toEqual([
      ['login', 'PostAuthentication_Authentication', BOB, AT],
      ['login', 'TokenGeneration_HostedAuth', BOB, AT],
      ['refresh', 'TokenGeneration_RefreshTokens', ALICE, AT],
    ]);
    expect(replaySignIns(log.signIns(), rules).map((event) => [event.kind, event.user])).toEqual([
      ['session-start', BOB],
      ['refresh', ALICE],
    ]);
  });

  it('should log a sign-in later in the session at its own time, which the replay counts as a re-login with its interval', async () => {
    // Prepare
    const { log, clock, invoke } = setUp();
    await invoke(hostedAuth);
    clock.set(new Date(AT + HOUR));

    // Act
    const { metrics } = await invoke(hostedAuth);

    // Assess
    expect(metricTotals(metrics)).toEqual({ SignInEvents: 1 });
    expect(log.signIns().map((signIn) => signIn.at)).toEqual([AT, AT + HOUR]);
    expect(
      replaySignIns(log.signIns(), rules).map((event) => [event.kind, event.at, event.intervalMinutes]),
    ).toEqual([
      ['session-start', AT, null],
      ['re-login', AT + HOUR, 60],
    ]);
  });

  it.each([
    ['an untracked client', { tracked: ['another-client'] }, hostedAuth],
    [
      'a machine-to-machine token',
      {},
      { ...hostedAuth, version: '3', triggerSource: 'TokenGeneration_ClientCredentials' },
    ],
  ])('should ignore %s without writing or counting anything', async (_name, options, event) => {
    // Prepare
    const { log, logger, invoke } = setUp(options);

    // Act
    const { unchanged, metrics } = await invoke(event);

    // Assess
    expect(unchanged).toBe(true);
    expect(metrics).toEqual([]);
    expect(log.calls).toEqual([]);
    expect(logger.messages('DEBUG')).toEqual(['ignored trigger event']);
  });

  it('should return the event and count a RecordFailure when the start-up failed', async () => {
    // Prepare
    const { log, logger, invoke } = setUp();
    const event = structuredClone(hostedAuth);

    // Act
    const { result, metrics } = await invoke(event, {
      error: new Error('TABLE_NAME is required but not set'),
    });

    // Assess
    expect(result).toBe(event);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
    expect(metrics[0]).toMatchObject(DIMENSIONS);
    expect(log.calls).toEqual([]);
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
    const { log, invoke } = setUp();

    // Act
    const { result, metrics } = await invoke(event);

    // Assess
    expect(result).toBe(event);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
    expect(log.calls).toEqual([]);
  });

  it('should count a RecordFailure when the append fails, not retry it, and still return the event', async () => {
    // Prepare
    const { log, logger, invoke } = setUp();
    log.script.failNext('append', new Error('ProvisionedThroughputExceededException'));
    const event = structuredClone(hostedAuth);

    // Act
    const { result, metrics, unchanged } = await invoke(event);

    // Assess
    expect(result).toBe(event);
    expect(unchanged).toBe(true);
    expect(metricTotals(metrics)).toEqual({ RecordFailures: 1 });
    expect(metrics[0]).toMatchObject(DIMENSIONS);
    expect(log.argsOf('append')).toHaveLength(1);
    expect(log.signIns()).toEqual([]);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'could not record sign-in; the sign-in goes on',
        error: expect.objectContaining({ message: 'ProvisionedThroughputExceededException' }),
        unrecordedSignIn: HOSTED_AUTH_ITEM,
      }),
    ]);
    // The line, as Powertools writes it, gives the recovery back the exact item.
    expect(readUnrecordedLine(JSON.stringify(logger.lines[0]))).toEqual(HOSTED_AUTH_ITEM);
  });

  it('should give up at the budget, not before, when the append never answers, aborting it', async () => {
    // Prepare
    vi.useFakeTimers();
    const { log, logger, invoke } = setUp();
    log.script.hangNext('append');
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
    expect(log.signIns()).toEqual([]);
    const [[, options]] = log.argsOf('append') as [[unknown, { abortSignal: AbortSignal }]];
    expect(options.abortSignal.aborted).toBe(true);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        error: { name: 'BudgetExceededError', message: `gave up after the ${BUDGET_MS} ms budget` },
        unrecordedSignIn: HOSTED_AUTH_ITEM,
      }),
    );
  });
});
