/** UserPoolClientReader on Cognito's DescribeUserPoolClient. */
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolClientReader } from '../../app-clients';
import { type AppClientDescription, parseUserPoolClient, type TokenValidity } from '../../app-clients';

export class CognitoUserPoolClients implements UserPoolClientReader {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async tokenValidity(userPoolId: string, clientId: string): Promise<TokenValidity> {
    return (await this.description(userPoolId, clientId)).tokenValidity;
  }

  async description(userPoolId: string, clientId: string): Promise<AppClientDescription> {
    const { UserPoolClient } = await this.client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
    );
    if (UserPoolClient === undefined)
      throw new Error(`Cognito returned no app client ${clientId} in ${userPoolId}`);
    return parseUserPoolClient(UserPoolClient);
  }
}
