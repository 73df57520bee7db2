/**
 * The deploy's attach step (functions/pool-attach) against cognito-local, which stores a pool's
 * LambdaConfig through CreateUserPool / UpdateUserPool and returns it from DescribeUserPool. The
 * CloudFormation side is a local server taking the answer's PUT on the ResponseURL, as S3 does.
 */
import { createServer } from 'node:http';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoolAttachHandler } from '../../../functions/pool-attach/deps';
import { type CognitoLocal, startCognitoLocal } from '../../../local/stand-ins/cognito-local';
import { LOCAL_CREDENTIALS, localAwsEnvironment, overrideEnv } from '../../../local/stand-ins/local-aws';
import { CognitoUserPoolAdmin } from '../../../src/adapters/cognito/user-pool-admin';
import { runCli } from '../../support/cli';
import { RecordingLogger } from '../../support/fakes/logger';

const OURS = 'arn:aws:lambda:local:111122223333:function:argocd-relogin-monitor-ci-authEvent';
const TEAM = 'arn:aws:lambda:local:111122223333:function:team-groups-claim';
const TEAM_CONFIG: LambdaConfigType = {
  PostConfirmation: 'arn:aws:lambda:local:111122223333:function:team-welcome',
  CustomEmailSender: {
    LambdaVersion: 'V1_0',
    LambdaArn: 'arn:aws:lambda:local:111122223333:function:team-mail',
  },
  KMSKeyID: 'arn:aws:kms:local:111122223333:key/1234abcd',
  PreTokenGenerationConfig: { LambdaVersion: 'V1_0', LambdaArn: TEAM },
};

interface Answer {
  Status: string;
  Reason: string;
  PhysicalResourceId: string;
  Data?: Record<string, string>;
}

describe('Lambda: pool-attach custom resource (cognito-local)', () => {
  let cognito: CognitoLocal;
  let client: CognitoIdentityProviderClient;
  let responseUrl: string;
  const answers: Answer[] = [];
  const log = new RecordingLogger();
  const cloudFormation = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answers.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer);
      response.end();
    });
  });

  beforeAll(async () => {
    cognito = await startCognitoLocal();
    client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    await new Promise<void>((resolve) => cloudFormation.listen(0, '127.0.0.1', resolve));
    responseUrl = `http://127.0.0.1:${(cloudFormation.address() as { port: number }).port}/answer`;
  });
  afterAll(async () => {
    cloudFormation.close();
    client?.destroy();
    await cognito?.stop();
  });

  async function teamPool(name: string): Promise<string> {
    const { UserPool } = await client.send(
      new CreateUserPoolCommand({ PoolName: name, LambdaConfig: TEAM_CONFIG }),
    );
    return UserPool?.Id as string;
  }

  async function lambdaConfig(userPoolId: string) {
    return (await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool
      ?.LambdaConfig;
  }

  async function send(
    requestType: 'Create' | 'Update' | 'Delete',
    properties: Record<string, string>,
    physicalResourceId?: string,
  ): Promise<Answer> {
    const handler = createPoolAttachHandler(new CognitoUserPoolAdmin(client), undefined, log);
    const event = {
      RequestType: requestType,
      ResponseURL: responseUrl,
      StackId: 'arn:aws:cloudformation:local:111122223333:stack/relogin/1',
      RequestId: `request-${answers.length}`,
      LogicalResourceId: 'PoolAttachment',
      ResourceType: 'Custom::ReloginMonitorPoolAttachment',
      ServiceToken: 'arn:aws:lambda:local:111122223333:function:pool-attach',
      ResourceProperties: { ServiceToken: 'token', FunctionArn: OURS, ...properties },
      ...(physicalResourceId === undefined ? {} : { PhysicalResourceId: physicalResourceId }),
      ...(requestType === 'Update' ? { OldResourceProperties: {} } : {}),
    } as CloudFormationCustomResourceEvent;
    await handler(event);
    return answers.at(-1) as Answer;
  }

  it('should fail the deploy in mode auto over the team function, leaving the LambdaConfig byte-identical', async () => {
    const id = await teamPool('auto-refused');
    const before = JSON.stringify(await lambdaConfig(id));
    const answer = await send('Create', { UserPoolId: id, Mode: 'auto' });
    expect(answer.Status).toBe('FAILED');
    expect(answer.Reason).toContain(`holds another function, ${TEAM}`);
    expect(log.lines.at(-1)).toMatchObject({
      message: 'attach step',
      requestType: 'Create',
      status: 'FAILED',
    });
    expect(JSON.stringify(await lambdaConfig(id))).toBe(before);
  });

  it('should chain, keep every other trigger, and on removal give the team function its slot back', async () => {
    const id = await teamPool('chained');
    const created = await send('Create', { UserPoolId: id, Mode: 'chain', ChainFunctionArn: TEAM });
    expect(created).toMatchObject({ Status: 'SUCCESS', Data: { Decision: 'attach', Chained: TEAM } });
    expect(await lambdaConfig(id)).toEqual({
      ...TEAM_CONFIG,
      PreTokenGenerationConfig: { LambdaVersion: 'V1_0', LambdaArn: OURS },
    });

    const again = await send(
      'Update',
      { UserPoolId: id, Mode: 'chain', ChainFunctionArn: TEAM },
      created.PhysicalResourceId,
    );
    expect(again).toMatchObject({ Status: 'SUCCESS', Data: { Decision: 'unchanged' } });

    const removed = await send('Delete', { UserPoolId: id, Mode: 'chain' }, created.PhysicalResourceId);
    expect(removed).toMatchObject({ Status: 'SUCCESS', Data: { Decision: 'restore' } });
    expect(await lambdaConfig(id)).toEqual(TEAM_CONFIG);
  });

  it('should give the team function its slot back when the mode changes to post-authentication', async () => {
    const id = await teamPool('mode-change');
    const created = await send('Create', { UserPoolId: id, Mode: 'chain', ChainFunctionArn: TEAM });
    const changed = await send(
      'Update',
      { UserPoolId: id, Mode: 'post-authentication' },
      created.PhysicalResourceId,
    );
    expect(changed.Status).toBe('SUCCESS');
    expect(await lambdaConfig(id)).toEqual({ ...TEAM_CONFIG, PostAuthentication: OURS });
    await send('Delete', { UserPoolId: id }, changed.PhysicalResourceId);
    expect(await lambdaConfig(id)).toEqual(TEAM_CONFIG);
  });

  it('should refuse a name two pools share and chaining another function than the slot holds', async () => {
    await teamPool('twin');
    await teamPool('twin');
    const twins = await send('Create', { UserPoolName: 'twin', Mode: 'auto' });
    expect(twins.Status).toBe('FAILED');
    expect(twins.Reason).toContain('2 user pools are named "twin"');
    const id = await teamPool('wrong-chain');
    const wrong = await send('Create', { UserPoolId: id, Mode: 'chain', ChainFunctionArn: `${TEAM}-v2` });
    expect(wrong.Status).toBe('FAILED');
    expect(await lambdaConfig(id)).toEqual(TEAM_CONFIG);
  });

  it('should touch no pool in mode none and succeed on the removal of a refused create', async () => {
    const none = await send('Create', { UserPoolName: 'does-not-exist', Mode: 'none' });
    expect(none.Status).toBe('SUCCESS');
    const removed = await send('Delete', {}, none.PhysicalResourceId);
    expect(removed.Status).toBe('SUCCESS');
    const bad = await send('Create', { UserPoolName: 'x', Mode: 'replace' });
    expect(bad).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining('attachMode must be auto, chain, none, post-authentication'),
    });
  });

  it('should plan online with attach --plan, reading the pool by name and refusing a name two pools share', async () => {
    const restore = overrideEnv(localAwsEnvironment({ cognitoIdentityProvider: cognito.endpoint }));
    try {
      const id = await teamPool('online-solo');
      const base = ['attach', '--plan', '--function-arn', OURS, '--region', 'local'];
      const chained = await runCli([...base, '--user-pool-name', 'online-solo', '--mode', 'chain', '--json']);
      expect(chained.code).toBe(0);
      expect(JSON.parse(chained.stdout)).toMatchObject({
        decision: 'attach',
        chained: TEAM,
        updateUserPool: { UserPoolId: id },
      });
      expect(await lambdaConfig(id)).toEqual(TEAM_CONFIG);
      await teamPool('online-twin');
      await teamPool('online-twin');
      const twins = await runCli([...base, '--user-pool-name', 'online-twin']);
      expect(twins.code).toBe(3);
      expect(twins.stdout).toContain('2 user pools are named "online-twin"');
    } finally {
      restore();
    }
  });
});
