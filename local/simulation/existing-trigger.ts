/**
 * `simulate --scenario existing-trigger`: a pool that already has the team's own Pre Token Generation
 * function (it adds a `groups` claim for Argo CD RBAC; cognito-local applies V1 claim overrides). The
 * default attach refuses and leaves the pool's LambdaConfig byte-identical; `chain` attaches; every ID
 * token still carries `groups` as before and every sign-in and refresh is recorded; removal gives the
 * team's function its slot back. cognito-local calls triggers by a fixed name, not by the pool's
 * LambdaConfig, so a router here reads the pool's LambdaConfig on every event and calls the function
 * that holds the slot, as Cognito does.
 */

import { PassThrough, Readable } from 'node:stream';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { decodeJwt } from 'jose';
import { createAuthTriggerHandler } from '../../functions/auth-event/deps';
import { CognitoUserPoolAdmin } from '../../src/adapters/cognito/user-pool-admin';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { tableDefinition } from '../../src/adapters/dynamodb/table-layout';
import { type AttachmentOutcome, handleAttachmentRequest, preTokenSlot } from '../../src/adoption';
import { main } from '../../src/cli/main';
import { startCognitoLocal } from '../stand-ins/cognito-local';
import { addUser, createUserPool, type LocalPoolUser, refresh, signIn } from '../stand-ins/cognito-pool';
import { startDynamoDbLocal } from '../stand-ins/dynamodb-local';
import { captureOutput } from '../stand-ins/emf';
import { startLambdaInvokeServer } from '../stand-ins/lambda-invoke-server';
import { localAwsEnvironment, overrideEnv } from '../stand-ins/local-aws';

export const TEAM_FUNCTION = 'arn:aws:lambda:local:111122223333:function:team-groups-claim';
export const OUR_FUNCTION =
  'arn:aws:lambda:local:111122223333:function:argocd-relogin-monitor-local-authEvent';
const ROUTER = 'pre-token-generation-router';
const GROUPS = 'argocd-admins,platform';

export interface ExistingTriggerResult {
  defaultAttach: { decision: string; lambdaConfigUnchanged: boolean };
  chain: {
    tokens: number;
    tokensWithTeamClaims: number;
    recorded: number;
    signIns: number;
    refreshes: number;
  };
  removal: { restored: boolean };
  /** The doctor's pool and client lines while chained. */
  doctor: string[];
}

/** The team's own function: V1 claim overrides, as teams write it for Argo CD RBAC. */
async function teamGroupsClaim(event: unknown) {
  const answer = structuredClone(event) as { response: Record<string, unknown> };
  answer.response = { claimsOverrideDetails: { claimsToAddOrOverride: { groups: GROUPS } } };
  return answer;
}

function outcome(answer: AttachmentOutcome): string {
  return answer.status === 'SUCCESS' ? (answer.data.Decision ?? 'attach') : 'refuse';
}

/** The doctor's pool, trigger and client lines, run as a user runs it (Argo CD, Slack and GitHub left out). */
async function poolDoctor(userPoolId: string, clientId: string): Promise<string[]> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  await main(
    ['doctor', '--user-pool-id', userPoolId, '--function-arn', OUR_FUNCTION, '--client-ids', clientId],
    {
      stdout,
      stderr: new PassThrough(),
      stdin: Readable.from([]),
      // Nothing listens on port 1: the GitHub check fails at once and is left out below.
      env: { GITHUB_API_URL: 'http://127.0.0.1:1' },
    },
  );
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => /^(ok {2}|warn|FAIL) (pool|our trigger|client|argocd login)/.test(line));
}

export async function runExistingTriggerScenario(
  options: { users?: number; dynamoDbEndpoint?: string; onLine?: (line: string) => void } = {},
): Promise<ExistingTriggerResult> {
  const say = options.onLine ?? (() => undefined);
  const stoppers: (() => Promise<unknown>)[] = [];
  try {
    const functions: Record<string, (event: unknown) => Promise<unknown>> = {
      [TEAM_FUNCTION]: teamGroupsClaim,
    };
    const lambda = await startLambdaInvokeServer({
      [ROUTER]: async (event) => {
        const slot = preTokenSlot(
          (await admin.describe((event as { userPoolId: string }).userPoolId)).LambdaConfig as Record<
            string,
            unknown
          >,
        );
        const run = slot === null ? undefined : functions[slot.arn];
        if (run === undefined) return event;
        return run(event);
      },
      ...functions,
      [OUR_FUNCTION]: (event) => (functions[OUR_FUNCTION] as (e: unknown) => Promise<unknown>)(event),
    });
    stoppers.push(() => lambda.close());
    const [cognito, dynamo] = await Promise.all([
      startCognitoLocal({ lambdaEndpoint: lambda.url, triggerFunctions: { PreTokenGeneration: ROUTER } }),
      options.dynamoDbEndpoint === undefined
        ? startDynamoDbLocal()
        : { endpoint: options.dynamoDbEndpoint, stop: async () => undefined },
    ]);
    stoppers.push(
      () => cognito.stop(),
      () => dynamo.stop(),
    );
    const restoreEnv = overrideEnv({
      ...localAwsEnvironment({ dynamodb: dynamo.endpoint, cognitoIdentityProvider: cognito.endpoint }),
      AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    });
    stoppers.push(async () => restoreEnv());

    const pool = await createUserPool(cognito.endpoint, { tokenValidityHours: 1 });
    const admin = new CognitoUserPoolAdmin(pool.client);
    const teamConfig = {
      PostConfirmation: 'arn:aws:lambda:local:111122223333:function:team-welcome',
      PreTokenGenerationConfig: { LambdaVersion: 'V1_0', LambdaArn: TEAM_FUNCTION },
    };
    await admin.update({ UserPoolId: pool.userPoolId, LambdaConfig: teamConfig });
    const lambdaConfigNow = async () => JSON.stringify((await admin.describe(pool.userPoolId)).LambdaConfig);
    const original = await lambdaConfigNow();
    const tableName = `existing-trigger-${process.pid}-${Date.now()}`;
    const dynamoClient = new DynamoDBClient({});
    await dynamoClient.send(new CreateTableCommand(tableDefinition(tableName)));
    dynamoClient.destroy();

    const users: LocalPoolUser[] = [];
    for (let index = 0; index < (options.users ?? 3); index += 1)
      users.push(await addUser(pool, `dev${index}@example.com`));
    const groupsBefore = new Map<string, unknown>();
    for (const user of users)
      groupsBefore.set(user.username, decodeJwt((await signIn(user)).IdToken as string).groups);
    say(`The team's function puts groups "${GROUPS}" into every ID token (${users.length} users signed in).`);

    const properties = { UserPoolId: pool.userPoolId, FunctionArn: OUR_FUNCTION };
    const request = (Mode: string, extra: Record<string, string> = {}) => ({
      requestType: 'Create' as const,
      properties: { ...properties, Mode, ...extra },
    });
    const refused = await handleAttachmentRequest(admin, request('auto'));
    const defaultAttach = {
      decision: outcome(refused),
      lambdaConfigUnchanged: (await lambdaConfigNow()) === original,
    };
    say(`Default attach (auto): ${defaultAttach.decision}; ${refused.reason}`);
    say(`LambdaConfig byte-identical afterwards: ${defaultAttach.lambdaConfigUnchanged}`);

    const env = {
      TABLE_NAME: tableName,
      METRICS_NAMESPACE: 'Local/Auth',
      TRIGGER_BUDGET_MS: '2000',
      CHAINED_FUNCTION_ARN: TEAM_FUNCTION,
    };
    const ours = await createAuthTriggerHandler(env);
    functions[OUR_FUNCTION] = (event) => ours(event);
    const chained = await handleAttachmentRequest(
      admin,
      request('chain', { ChainFunctionArn: TEAM_FUNCTION }),
    );
    say(`Chain attach: ${outcome(chained)}; ${chained.reason}`);

    // The trigger's EMF metric lines go to stdout; kept out of the scenario's own output (and its JSON).
    const { result: counted } = await captureOutput(async () => {
      let tokens = 0;
      let tokensWithTeamClaims = 0;
      for (const user of users) {
        const signedIn = await signIn(user);
        const refreshed = await refresh(user, signedIn.RefreshToken as string);
        for (const token of [signedIn.IdToken, refreshed.IdToken]) {
          tokens += 1;
          if (decodeJwt(token as string).groups === groupsBefore.get(user.username))
            tokensWithTeamClaims += 1;
        }
      }
      return { tokens, tokensWithTeamClaims };
    });
    const { tokens, tokensWithTeamClaims } = counted;
    const log = new DynamoSignInLog(createDocumentClient(), { tableName, retentionDays: 35 });
    const recordedSignIns = await log.list(pool.userPoolId, 0, Date.now() + 60_000);
    const refreshes = recordedSignIns.filter((item) => item.kind === 'refresh').length;
    const chain = {
      tokens,
      tokensWithTeamClaims,
      recorded: recordedSignIns.length,
      signIns: recordedSignIns.length - refreshes,
      refreshes,
    };
    say(
      `Chained: ${tokensWithTeamClaims} of ${tokens} ID tokens carry the team's groups; ${chain.signIns} sign-ins and ${chain.refreshes} refreshes recorded.`,
    );

    const doctor = await poolDoctor(pool.userPoolId, pool.clientId);
    for (const line of doctor) say(`  doctor: ${line}`);

    const removed = await handleAttachmentRequest(admin, {
      requestType: 'Delete',
      physicalResourceId: chained.physicalResourceId,
      properties: { ...properties, Mode: 'chain' },
    });
    const restored = (await lambdaConfigNow()) === original;
    say(`Removal: ${outcome(removed)}; the team's function is back in its slot: ${restored}`);
    return { defaultAttach, chain, removal: { restored }, doctor };
  } finally {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  }
}
