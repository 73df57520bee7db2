/**
 * In-memory UserPoolClientReader: the token validity of the app clients the test added (their whole
 * description is the shared fixture's with that validity); an unknown client is an error, as
 * DescribeUserPoolClient's ResourceNotFoundException is.
 */
import type { AppClientDescription } from '../../../src/app-clients';
import type { TokenValidity } from '../../../src/app-clients/domain/token-validity';
import type { UserPoolClientReader } from '../../../src/app-clients/ports/user-pool-clients';
import { fixtureClient } from '../app-clients';
import { FakePort, type Timeline } from './script';

export class UnknownAppClientError extends Error {
  constructor(userPoolId: string, clientId: string) {
    super(`User pool client ${clientId} does not exist in ${userPoolId}.`);
    this.name = 'ResourceNotFoundException';
  }
}

export class FakeUserPoolClientReader
  extends FakePort<'tokenValidity' | 'description'>
  implements UserPoolClientReader
{
  private readonly clients = new Map<string, TokenValidity>();

  constructor(timeline?: Timeline) {
    super('userPoolClients', timeline);
  }

  add(userPoolId: string, clientId: string, validity: TokenValidity): this {
    this.clients.set(JSON.stringify([userPoolId, clientId]), validity);
    return this;
  }

  async tokenValidity(userPoolId: string, clientId: string): Promise<TokenValidity> {
    await this.enter('tokenValidity', [userPoolId, clientId]);
    return { ...this.find(userPoolId, clientId) };
  }

  async description(userPoolId: string, clientId: string): Promise<AppClientDescription> {
    await this.enter('description', [userPoolId, clientId]);
    const validity = this.find(userPoolId, clientId);
    return fixtureClient({
      UserPoolId: userPoolId,
      ClientId: clientId,
      IdTokenValidity: validity.idTokenMinutes,
      AccessTokenValidity: validity.accessTokenMinutes,
      RefreshTokenValidity: validity.refreshTokenMinutes,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
    });
  }

  private find(userPoolId: string, clientId: string): TokenValidity {
    const found = this.clients.get(JSON.stringify([userPoolId, clientId]));
    if (found === undefined) throw new UnknownAppClientError(userPoolId, clientId);
    return found;
  }
}
