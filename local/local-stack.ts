/**
 * The embedded local stack `npm start` runs the monitor on, loopback only: DynamoDB Local, cognito-local
 * (a pool and an Argo CD app client) calling the project's trigger through a Lambda Invoke endpoint, and
 * local Slack, CloudWatch, CloudWatch Logs, GitHub (the argo-cd fixtures; the real GitHub when `online`)
 * and Argo CD (`/api/version`) APIs. The AWS SDK finds them through its standard environment settings.
 * The trigger reaches DynamoDB through a proxy of its own (`triggerDynamoDb`), so an outage can be
 * played on its path while the scheduled functions keep theirs.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../src/adapters/dynamodb/table-layout';
import type { Env } from '../src/shared/config/env';
import { startCognitoLocal } from './stand-ins/cognito-local';
import { createUserPool, type LocalUserPool, setLambdaConfig } from './stand-ins/cognito-pool';
import { type CountingProxy, startCountingProxy } from './stand-ins/counting-proxy';
import { startDynamoDbLocal } from './stand-ins/dynamodb-local';
import { type FakeArgoCd, startFakeArgoCd } from './stand-ins/fake-argocd';
import { type FakeCloudWatch, startFakeCloudWatch } from './stand-ins/fake-cloudwatch';
import { type FakeCloudWatchLogs, startFakeCloudWatchLogs } from './stand-ins/fake-cloudwatch-logs';
import { startFakeGitHub } from './stand-ins/fake-github';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from './stand-ins/fake-slack';
import { type LocalFunction, startLambdaInvokeServer } from './stand-ins/lambda-invoke-server';
import { LOCAL_REGION, localAwsEnvironment, overrideEnv } from './stand-ins/local-aws';

export const TRIGGER_FUNCTION = 'auth-event';
/** The trigger's ARN as the stack passes it to the re-login check (AUTH_EVENT_FUNCTION_ARN) and the pool names it. */
export const TRIGGER_ARN = `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${TRIGGER_FUNCTION}`;
const TRIGGER_SLOT = { PreTokenGenerationConfig: { LambdaArn: TRIGGER_ARN, LambdaVersion: 'V1_0' } } as const;

export interface LocalStackOptions {
  tokenValidityHours: number;
  argoCdVersion: string;
  /** The real GitHub API instead of the local one serving the argo-cd fixtures. */
  online: boolean;
  slack: FakeSlackOptions;
  /** A DynamoDB Local already running (the tests' one); otherwise one is started and stopped here. */
  dynamoDbEndpoint?: string;
}

export interface LocalStack {
  pool: LocalUserPool;
  slack: FakeSlack;
  cloudwatch: FakeCloudWatch;
  cloudwatchLogs: FakeCloudWatchLogs;
  /** The trigger's own path to DynamoDB Local (see `buildTrigger`). */
  triggerDynamoDb: CountingProxy;
  argocd: FakeArgoCd;
  /** The functions' configuration, pointing at the stand-ins. */
  env: Env & { TABLE_NAME: string; USER_POOL_ID: string };
  /**
   * Builds the trigger with its DynamoDB client on `triggerDynamoDb`: the SDK settles a client's
   * endpoint on its first call (the cold start's warm-up), so the other functions keep the direct path.
   */
  buildTrigger<T>(build: () => Promise<T>): Promise<T>;
  /** Wires the trigger cognito-local calls; until then its calls fail (and Cognito lets the sign-in fail). */
  attachTrigger(handler: LocalFunction): void;
  /**
   * Puts the trigger in the pool's Pre Token Generation slot or takes it out (UpdateUserPool, as a
   * Terraform apply would). cognito-local calls its configured trigger whatever the pool's LambdaConfig
   * says, so while out of the slot the invocation hands the event back untouched, as Cognito without a
   * trigger would: the sign-in goes on, unrecorded.
   */
  setTriggerInSlot(inSlot: boolean): Promise<void>;
  /** Stops every process and server it started; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts everything, or stops what did start and rethrows. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stoppers: (() => Promise<void>)[] = [];
  const started = <T extends object>(part: T, stop: (part: T) => Promise<void>) => {
    stoppers.push(() => stop(part));
    return part;
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.allSettled(stoppers.reverse().map((stopPart) => stopPart()));
  };
  try {
    let trigger: LocalFunction | undefined;
    let inSlot = true;
    const lambda = started(
      await startLambdaInvokeServer({
        [TRIGGER_FUNCTION]: async (event) => {
          if (!inSlot) return event;
          if (trigger === undefined) throw new Error('the trigger is not attached yet');
          return trigger(event);
        },
      }),
      (server) => server.close(),
    );
    const [dynamo, cognito, slack, cloudwatch, cloudwatchLogs, argocd, github] = await Promise.all([
      options.dynamoDbEndpoint === undefined
        ? startDynamoDbLocal().then((running) => started(running, (part) => part.stop()))
        : { endpoint: options.dynamoDbEndpoint },
      startCognitoLocal({
        lambdaEndpoint: lambda.url,
        // As deployed by default: Pre Token Generation alone sees sign-ins and refreshes.
        triggerFunctions: { PreTokenGeneration: TRIGGER_FUNCTION },
      }).then((running) => started(running, (part) => part.stop())),
      startFakeSlack(options.slack).then((running) => started(running, (part) => part.close())),
      startFakeCloudWatch().then((running) => started(running, (part) => part.close())),
      startFakeCloudWatchLogs().then((running) => started(running, (part) => part.close())),
      startFakeArgoCd(options.argoCdVersion).then((running) => started(running, (part) => part.close())),
      options.online
        ? undefined
        : startFakeGitHub({ rateLimit: 5_000 }).then((running) => started(running, (part) => part.close())),
    ]);
    const restoreEnv = overrideEnv(
      localAwsEnvironment({
        dynamodb: dynamo.endpoint,
        cloudwatch: cloudwatch.url,
        cloudwatchLogs: cloudwatchLogs.url,
        cognitoIdentityProvider: cognito.endpoint,
      }),
    );
    stoppers.push(async () => restoreEnv());
    const triggerDynamoDb = started(await startCountingProxy(dynamo.endpoint), (part) => part.close());
    const pool = await createUserPool(cognito.endpoint, {
      tokenValidityHours: options.tokenValidityHours,
      lambdaConfig: TRIGGER_SLOT,
    });
    stoppers.push(async () => pool.client.destroy());
    const tableName = `argocd-relogin-monitor-local-${process.pid}-${lambda.url.split(':').at(-1)}`;
    const dynamoClient = new DynamoDBClient({});
    await dynamoClient.send(new CreateTableCommand(tableDefinition(tableName)));
    dynamoClient.destroy();
    const env = {
      ...process.env,
      TABLE_NAME: tableName,
      USER_POOL_ID: pool.userPoolId,
      ARGOCD_CLIENT_IDS: pool.clientId,
      ARGOCD_URL: argocd.url,
      // The local team is made up: show people by e-mail address rather than by hashed label.
      REPORT_IDENTITY: 'email',
      SLACK_TOKEN: 'xoxb-local',
      SLACK_CHANNEL: 'C0PLATFORM',
      SLACK_API_URL: slack.apiUrl,
      // The stack sets 'report' when the periodic report is scheduled, as it is here.
      STOP_GAP_REMINDER: 'report',
      // The most the setting allows: a laptop running Java, cognito-local and the functions is slower than Lambda.
      TRIGGER_BUDGET_MS: '2000',
      // The stack sets it: the re-login check's self-check reads the pool's LambdaConfig for it.
      AUTH_EVENT_FUNCTION_ARN: TRIGGER_ARN,
      ...(github === undefined ? {} : { GITHUB_API_URL: github.url }),
    };
    return {
      pool,
      slack,
      cloudwatch,
      cloudwatchLogs,
      triggerDynamoDb,
      argocd,
      env,
      buildTrigger: async (build) => {
        const restore = overrideEnv({ AWS_ENDPOINT_URL_DYNAMODB: triggerDynamoDb.url });
        try {
          return await build();
        } finally {
          restore();
        }
      },
      attachTrigger: (handler) => {
        trigger = handler;
      },
      setTriggerInSlot: async (attached) => {
        await setLambdaConfig(pool, attached ? TRIGGER_SLOT : {});
        inSlot = attached;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
