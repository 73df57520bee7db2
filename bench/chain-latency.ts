/**
 * Chain mode beside the team's function alone: the same stand-in function (answering in a fixed few
 * milliseconds behind the Lambda Invoke API) called directly, as Cognito calls it without us, and through
 * our chained trigger (the call beside the recording to DynamoDB Local), measured interleaved in one run.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { startAuthTrigger, warmUp } from '../functions/auth-event/deps';
import { startCountingProxy } from '../local/stand-ins/counting-proxy';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { captureOutput } from '../local/stand-ins/emf';
import { startLambdaInvokeServer } from '../local/stand-ins/lambda-invoke-server';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment } from '../local/stand-ins/local-aws';
import { tableDefinition } from '../src/adapters/dynamodb/table-layout';
import { LambdaChainedFunction } from '../src/adapters/lambda/chained-function';
import { percentile } from '../src/shared/stats';
import { handleChainedTrigger } from '../src/sign-ins';

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
  const team = await startLambdaInvokeServer({
    [TEAM]: async (input) => {
      await new Promise((resolve) => setTimeout(resolve, teamFunctionMs));
      return {
        ...(input as object),
        response: { claimsOverrideDetails: { claimsToAddOrOverride: { groups: 'admins' } } },
      };
    },
  });
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
    const started = async (endpoint: string) => {
      Object.assign(process.env, localAwsEnvironment({ dynamodb: endpoint }), {
        AWS_ENDPOINT_URL_LAMBDA: team.url,
      });
      const start = await startAuthTrigger({ TABLE_NAME: 'bench-chain', TRIGGER_BUDGET_MS: '500' });
      await warmUp(start);
      return start;
    };
    // One client each, with the settings the deployed trigger uses (functions/auth-event/chain.ts).
    const alone = new LambdaChainedFunction(new LambdaClient({ maxAttempts: 2 }), TEAM);
    const chained = new LambdaChainedFunction(new LambdaClient({ maxAttempts: 2 }), TEAM);
    const aloneMs: number[] = [];
    const chainMs: number[] = [];
    const direct = await started(dynamo.endpoint);
    await captureOutput(async () => {
      for (let index = -100; index < events; index += 1) {
        let begun = performance.now();
        await alone.invoke(event(index));
        const aloneTook = performance.now() - begun;
        begun = performance.now();
        await handleChainedTrigger(direct.startup, direct.telemetry, chained, event(index));
        const chainTook = performance.now() - begun;
        if (index < 0) continue; // warm-up
        aloneMs.push(aloneTook);
        chainMs.push(chainTook);
      }
    });
    const counted = await started(proxy.url);
    const counting = 100;
    const before = proxy.operations.length;
    await captureOutput(async () => {
      for (let index = 0; index < counting; index += 1) {
        await handleChainedTrigger(counted.startup, counted.telemetry, chained, event(events + index));
      }
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
    await team.close();
  }
}
