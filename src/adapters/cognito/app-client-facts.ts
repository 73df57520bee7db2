/** What the doctor reads of a pool's app clients (DescribeUserPoolClient), each call bounded; the secret never leaves. */
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientFacts } from '../../adoption';
import { parseUserPoolClient } from '../../app-clients';

export async function listClientIds(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  timeoutMs: number,
): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: nextToken }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    for (const item of page.UserPoolClients ?? []) if (item.ClientId !== undefined) ids.push(item.ClientId);
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return ids;
}

export async function describeClientFacts(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientId: string,
  timeoutMs: number,
): Promise<ClientFacts> {
  const { UserPoolClient } = await client.send(
    new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
    { abortSignal: AbortSignal.timeout(timeoutMs) },
  );
  if (UserPoolClient === undefined) throw new Error(`Cognito described no app client ${clientId}`);
  const { tokenValidity, hasSecret } = parseUserPoolClient(UserPoolClient);
  const rotation = UserPoolClient.RefreshTokenRotation;
  return {
    clientId,
    name: UserPoolClient.ClientName ?? '',
    hasSecret,
    idTokenMinutes: tokenValidity.idTokenMinutes,
    accessTokenMinutes: tokenValidity.accessTokenMinutes,
    refreshTokenMinutes: tokenValidity.refreshTokenMinutes,
    rotation: {
      enabled: rotation?.Feature === 'ENABLED',
      graceSeconds: rotation?.RetryGracePeriodSeconds ?? 0,
    },
    flows: UserPoolClient.AllowedOAuthFlows ?? [],
    scopes: UserPoolClient.AllowedOAuthScopes ?? [],
    callbacks: UserPoolClient.CallbackURLs ?? [],
  };
}
