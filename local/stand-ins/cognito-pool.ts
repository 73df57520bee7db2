/**
 * A user pool on cognito-local driven through the real Cognito API: the pool, an Argo CD app client with
 * its token validity, confirmed users, and the two sign-in flows the simulated team and the tests use.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  type LambdaConfigType,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS } from './local-aws';

const PASSWORD = 'Correct-Horse-9';

export interface LocalUserPool {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
}

/** A confirmed user who signs in by e-mail address (as cognito-local's pools do) and password. */
export interface LocalPoolUser extends LocalUserPool {
  username: string;
  password: string;
}

export async function createUserPool(
  endpoint: string,
  options: {
    poolName?: string;
    clientName?: string;
    tokenValidityHours?: number;
    /** The pool's trigger slots as DescribeUserPool shows them (cognito-local calls its configured functions regardless). */
    lambdaConfig?: LambdaConfigType;
  } = {},
): Promise<LocalUserPool> {
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
  });
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: options.poolName ?? 'argocd-users',
      ...(options.lambdaConfig === undefined ? {} : { LambdaConfig: options.lambdaConfig }),
    }),
  );
  const userPoolId = UserPool?.Id as string;
  const hours = options.tokenValidityHours;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: options.clientName ?? 'argocd',
      ...(hours === undefined ? {} : tokenValidity(hours)),
    }),
  );
  return { client, userPoolId, clientId: UserPoolClient?.ClientId as string };
}

/** ID and access tokens of `hours`, access never above ID (docs/argocd-and-cognito.md#access-token-validity-above-id-token-validity: a longer access token breaks the refresh). */
function tokenValidity(hours: number) {
  return {
    IdTokenValidity: hours,
    AccessTokenValidity: hours,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
  } as const;
}

export async function setTokenValidity(pool: LocalUserPool, hours: number): Promise<void> {
  await pool.client.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: pool.userPoolId,
      ClientId: pool.clientId,
      ...tokenValidity(hours),
    }),
  );
}

/** UpdateUserPool with the pool's trigger slots, as a Terraform apply of the pool's `lambda_config` sends it. */
export async function setLambdaConfig(pool: LocalUserPool, lambdaConfig: LambdaConfigType): Promise<void> {
  await pool.client.send(
    new UpdateUserPoolCommand({ UserPoolId: pool.userPoolId, LambdaConfig: lambdaConfig }),
  );
}

export async function addUser(pool: LocalUserPool, username: string): Promise<LocalPoolUser> {
  await pool.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId,
      Username: username,
      UserAttributes: [{ Name: 'email', Value: username }],
      MessageAction: 'SUPPRESS',
    }),
  );
  await pool.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool.userPoolId,
      Username: username,
      Password: PASSWORD,
      Permanent: true,
    }),
  );
  return { ...pool, username, password: PASSWORD };
}

export async function createPoolWithUser(
  endpoint: string,
  username = 'alice@example.com',
): Promise<LocalPoolUser> {
  return addUser(await createUserPool(endpoint), username);
}

/** A sign-in (`USER_PASSWORD_AUTH`): Cognito fires its authentication triggers. */
export async function signIn(user: LocalPoolUser): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await user.client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: user.clientId,
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
    }),
  );
  if (!AuthenticationResult?.RefreshToken) throw new Error('cognito-local returned no tokens');
  return AuthenticationResult;
}

/** A refresh-token redemption (`REFRESH_TOKEN_AUTH`): Pre Token Generation fires as `TokenGeneration_RefreshTokens`. */
export async function refresh(user: LocalPoolUser, refreshToken: string): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await user.client.send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: user.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  if (!AuthenticationResult?.IdToken) throw new Error('cognito-local refreshed no ID token');
  return AuthenticationResult;
}
