/** UserPoolDirectory on Cognito's ListUserPools, as the trigger's attach step finds the pool by name. */
import {
  type CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolDirectory } from '../../relogins';

export class CognitoUserPoolDirectory implements UserPoolDirectory {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async idByName(name: string): Promise<string> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }));
      for (const pool of page.UserPools ?? []) if (pool.Name === name && pool.Id) ids.push(pool.Id);
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    const [id, ...others] = ids;
    if (id === undefined) throw new Error(`no user pool is named "${name}" (set userPoolId)`);
    if (others.length > 0) throw new Error(`${ids.length} user pools are named "${name}" (set userPoolId)`);
    return id;
  }
}
