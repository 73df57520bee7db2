/** Sets up a pool, an app client and a confirmed user on cognito-local, and signs that user in. */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS } from '../../local/stand-ins/local-aws';

export interface LocalPoolUser {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
  username: string;
  password: string;
}

/** cognito-local's pools sign in by e-mail address, so the user name is one. */
export async function createPoolWithUser(
  endpoint: string,
  username = 'alice@example.com',
): Promise<LocalPoolUser> {
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
  });
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'argocd-users' }));
  const userPoolId = UserPool?.Id as string;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'argocd' }),
  );
  const password = 'Correct-Horse-9';
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      UserAttributes: [{ Name: 'email', Value: username }],
      MessageAction: 'SUPPRESS',
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
  return { client, userPoolId, clientId: UserPoolClient?.ClientId as string, username, password };
}

export async function signIn(user: LocalPoolUser) {
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

export async function refresh(user: LocalPoolUser, refreshToken: string) {
  const { AuthenticationResult } = await user.client.send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: user.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  return AuthenticationResult;
}
