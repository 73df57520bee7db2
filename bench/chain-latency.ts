/**
 * Chain mode beside the team's function alone: the same stand-in function (answering in a fixed few
 * milliseconds behind the Lambda Invoke API, in a process of its own as Lambda runs it) called directly,
 * as Cognito calls it without us, and through our deployed chained handler (`createAuthTriggerHandler`
 * with CHAINED_FUNCTION_ARN: the call beside the recording to DynamoDB Local, the Powertools middlewares
 * and the EMF flush of each invocation), measured interleaved in one run, taking turns at going first.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createAuthTriggerHandler } from '../functions/auth-event/deps';
import { startCountingProxy } from '../local/stand-ins/counting-proxy';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { captureOutput } from '../local/stand-ins/emf';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment } from '../local/stand-ins/local-aws';
import { tableDefinition } from '../src/adapters/dynamodb/table-layout';
import { LambdaChainedFunction } from '../src/adapters/lambda/chained-function';
import { percentile } from '../src/shared/stats';

export interface ChainFigures {
  events: number;
  teamFunctionMs: number;
  requestsPerEvent: number;
  aloneP50Ms: number;
  aloneP99Ms: number;
  chainP50Ms: number;
  chainP99Ms: number;
  ratioP50: number;
  ratioP99: number;
}

const TEAM = 'arn:aws:lambda:eu-west-1:111122223333:function:team-groups-claim';
const round2 = (value: number) => Math.round(value * 100) / 100;

function event(user: number) {
  return {
    version: '1',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_bench',
    userName: `user-${user}`,
    callerContext: { awsSdkVersion: 'bench', clientId: 'argocd' },
    request: { userAttributes: { sub: `sub-${user}`, email: `user-${user}@example.com` } },
    response: {},
  };
}

export async function benchChain(
  dynamo: RunningDynamoDbLocal,
  events = 1_000,
  teamFunctionMs = 10,
): Promise<ChainFigures> {
  // Its own process: in the same event loop our recording's CPU work would delay the team's timer.
  const teamProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./team-function.ts', import.meta.url).pathname,
      TEAM,
      String(teamFunctionMs),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [firstLine] = (await once(teamProcess.stdout, 'data')) as [Buffer];
  const teamUrl = firstLine.toString('utf8').trim();
  const proxy = await startCountingProxy(dynamo.endpoint);
  try {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await raw.send(new CreateTableCommand(tableDefinition('bench-chain')));
    raw.destroy();
    // Latency straight to DynamoDB Local (the counting proxy's hop would burden the recording alone);
    // the requests are counted in a second pass through the proxy.
    const handlerOn = (endpoint: string) => {
      Object.assign(process.env, localAwsEnvironment({ dynamodb: endpoint }), {
        AWS_ENDPOINT_URL_LAMBDA: teamUrl,
      });
      return createAuthTriggerHandler({
        TABLE_NAME: 'bench-chain',
        TRIGGER_BUDGET_MS: '500',
        CHAINED_FUNCTION_ARN: TEAM,
      });
    };
    // Cognito's call of the team's function alone, with the settings of ours (functions/auth-event/chain.ts).
    const alone = new LambdaChainedFunction(new LambdaClient({ maxAttempts: 2 }), TEAM);
    const chained = await handlerOn(dynamo.endpoint);
    const timed = async (call: () => Promise<unknown>) => {
      const begun = performance.now();
      await call();
      return performance.now() - begun;
    };
    const aloneMs: number[] = [];
    const chainMs: number[] = [];
    await captureOutput(async () => {
      for (let index = -100; index < events; index += 1) {
        const callAlone = () => timed(() => alone.invoke(event(index)));
        const callChained = () => timed(() => chained(event(index)));
        const aloneFirst = index % 2 === 0;
        const first = await (aloneFirst ? callAlone() : callChained());
        const second = await (aloneFirst ? callChained() : callAlone());
        if (index < 0) continue; // warm-up
        aloneMs.push(aloneFirst ? first : second);
        chainMs.push(aloneFirst ? second : first);
      }
    });
    const counted = await handlerOn(proxy.url);
    const counting = 100;
    const before = proxy.operations.length;
    await captureOutput(async () => {
      for (let index = 0; index < counting; index += 1) await counted(event(events + index));
    });
    const requests = ((proxy.operations.length - before) / counting) * events;
    const p = (samples: number[], q: number) => percentile(samples, q) ?? 0;
    return {
      events,
      teamFunctionMs,
      requestsPerEvent: round2(requests / events),
      aloneP50Ms: round2(p(aloneMs, 50)),
      aloneP99Ms: round2(p(aloneMs, 99)),
      chainP50Ms: round2(p(chainMs, 50)),
      chainP99Ms: round2(p(chainMs, 99)),
      ratioP50: round2(p(chainMs, 50) / p(aloneMs, 50)),
      ratioP99: round2(p(chainMs, 99) / p(aloneMs, 99)),
    };
  } finally {
    await proxy.close();
    teamProcess.kill();
  }
}
