/**
 * In-memory UserPoolClientReader: the token validity of the app clients the test added; an unknown
 * client is an error, as DescribeUserPoolClient's ResourceNotFoundException is.
 */
import type { TokenValidity } from '../../../src/app-clients/domain/token-validity';
import type { UserPoolClientReader } from '../../../src/app-clients/ports/user-pool-clients';
import { FakePort, type Timeline } from './script';

export class UnknownAppClientError extends Error {
  constructor(userPoolId: string, clientId: string) {
    super(`User pool client ${clientId} does not exist in ${userPoolId}.`);
    this.name = 'ResourceNotFoundException';
  }
}

export class FakeUserPoolClientReader extends FakePort<'tokenValidity'> implements UserPoolClientReader {
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
    const found = this.clients.get(JSON.stringify([userPoolId, clientId]));
    if (found === undefined) throw new UnknownAppClientError(userPoolId, clientId);
    return { ...found };
  }
}
