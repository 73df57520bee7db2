/**
 * Stand-in for Cognito's DescribeUserPoolClient, DescribeUserPool (its LambdaConfig) and ListUserPools
 * over the AWS JSON 1.1 protocol, serving DescribeUserPoolClient responses such as the shared fixture. Chosen over a client mock so the
 * real SDK client, its serialisation and its error mapping are exercised; chosen over cognito-local
 * because the fixture is served byte for byte, and because cognito-local answers ListUserPools in one
 * page whatever MaxResults says (this one pages as Cognito does, with NextToken).
 */
import { AwsJsonError, type AwsJsonServer, startAwsJsonServer } from './fake-aws-json';

export interface FakeCognito extends AwsJsonServer {
  /** Serves `response` (a DescribeUserPoolClient answer) for its pool and client ids. */
  addClient(response: Record<string, unknown>): void;
  /** Lists a pool in ListUserPools, after those added before it. */
  addUserPool(id: string, name: string): void;
  /** The pool's LambdaConfig as DescribeUserPool answers it (as an apply or an attach step sets it). */
  setLambdaConfig(userPoolId: string, lambdaConfig: Record<string, unknown>): void;
}

export async function startFakeCognito(): Promise<FakeCognito> {
  const clients = new Map<string, unknown>();
  const pools: { Id: string; Name: string }[] = [];
  const lambdaConfigs = new Map<string, Record<string, unknown>>();
  const key = (pool: unknown, client: unknown) => `${String(pool)}/${String(client)}`;
  const server = await startAwsJsonServer(
    { targetPrefix: 'AWSCognitoIdentityProviderService', contentType: 'application/x-amz-json-1.1' },
    {
      DescribeUserPoolClient: (input) => {
        const found = clients.get(key(input.UserPoolId, input.ClientId));
        if (found === undefined) {
          throw new AwsJsonError(
            'ResourceNotFoundException',
            `User pool client ${String(input.ClientId)} does not exist.`,
          );
        }
        return found;
      },
      DescribeUserPool: (input) => {
        const id = String(input.UserPoolId);
        return { UserPool: { Id: id, LambdaConfig: lambdaConfigs.get(id) ?? {} } };
      },
      ListUserPools: (input) => {
        const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
        const end = offset + Number(input.MaxResults);
        return {
          UserPools: pools.slice(offset, end),
          ...(end < pools.length ? { NextToken: String(end) } : {}),
        };
      },
    },
  );
  return {
    ...server,
    addClient: (response) => {
      const client = response.UserPoolClient as Record<string, unknown>;
      clients.set(key(client.UserPoolId, client.ClientId), response);
    },
    addUserPool: (Id, Name) => {
      pools.push({ Id, Name });
    },
    setLambdaConfig: (userPoolId, lambdaConfig) => {
      lambdaConfigs.set(userPoolId, lambdaConfig);
    },
  };
}
