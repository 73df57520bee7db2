/**
 * CognitoUserPoolDirectory, the check's way to the pool's id from the name the trigger is attached to:
 * against cognito-local (pools made with CreateUserPool, listed by its ListUserPools), and against the
 * JSON 1.1 stand-in for the paging cognito-local does not do.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoLocal, startCognitoLocal } from '../../local/stand-ins/cognito-local';
import { type FakeCognito, startFakeCognito } from '../../local/stand-ins/fake-cognito';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/stand-ins/local-aws';
import { CognitoUserPoolDirectory } from '../../src/adapters/cognito/user-pool-directory';

describe('Class: CognitoUserPoolDirectory (cognito-local)', () => {
  let cognito: CognitoLocal;
  let client: CognitoIdentityProviderClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    cognito = await startCognitoLocal();
    client = new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    for (const [label, name] of [
      ['other', 'other-users'],
      ['argocd', 'argocd-users'],
      ['twin-1', 'twin-users'],
      ['twin-2', 'twin-users'],
    ] as const) {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: name }));
      ids[label] = UserPool?.Id as string;
    }
  });
  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
  });

  it('should find the id of the one pool with the name', async () => {
    // Act
    const id = await new CognitoUserPoolDirectory(client).idByName('argocd-users');

    // Assess
    expect(id).toBe(ids.argocd);
    expect(id).toMatch(/^local_/);
  });

  it('should refuse a name no pool has, saying to set userPoolId', async () => {
    // Act
    const lookUp = new CognitoUserPoolDirectory(client).idByName('argocd');

    // Assess: a prefix of a pool's name is not its name.
    await expect(lookUp).rejects.toThrow('no user pool is named "argocd" (set userPoolId)');
  });

  it('should refuse a name two pools have rather than pick one', async () => {
    // Act
    const lookUp = new CognitoUserPoolDirectory(client).idByName('twin-users');

    // Assess
    await expect(lookUp).rejects.toThrow('2 user pools are named "twin-users" (set userPoolId)');
  });
});

describe('Class: CognitoUserPoolDirectory (JSON 1.1 stand-in, paged as Cognito pages)', () => {
  let cognito: FakeCognito;
  let directory: CognitoUserPoolDirectory;

  beforeAll(async () => {
    // 130 pools: three pages of at most 60; the one looked for on the last page, a twin split across two.
    cognito = await startFakeCognito();
    for (let index = 0; index < 130; index += 1) {
      const name =
        index === 125 ? 'argocd-users' : index === 10 || index === 70 ? 'twin-users' : `pool-${index}`;
      cognito.addUserPool(`${LOCAL_REGION}_pool${index}`, name);
    }
    directory = new CognitoUserPoolDirectory(
      new CognitoIdentityProviderClient({
        endpoint: cognito.url,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
  });
  afterAll(() => cognito.close());

  it('should follow NextToken to a pool on the last page', async () => {
    // Act
    const id = await directory.idByName('argocd-users');

    // Assess
    expect(id).toBe(`${LOCAL_REGION}_pool125`);
    const pages = cognito.calls.filter((call) => call.operation === 'ListUserPools');
    expect(pages.map((call) => [call.input.MaxResults, call.input.NextToken])).toEqual([
      [60, undefined],
      [60, '60'],
      [60, '120'],
    ]);
  });

  it('should see two pools of one name on different pages as two', async () => {
    // Act
    const lookUp = directory.idByName('twin-users');

    // Assess
    await expect(lookUp).rejects.toThrow('2 user pools are named "twin-users" (set userPoolId)');
  });
});
