/** UserPoolAdmin on Cognito's ListUserPools, DescribeUserPool and UpdateUserPool, each call bounded in time. */
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
  type UpdateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PoolSummary, UserPoolAdmin } from '../../adoption';

export class CognitoUserPoolAdmin implements UserPoolAdmin {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly callTimeoutMs = 10_000,
  ) {}

  private options() {
    return { abortSignal: AbortSignal.timeout(this.callTimeoutMs) };
  }

  async listPools(): Promise<PoolSummary[]> {
    const pools: PoolSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }),
        this.options(),
      );
      for (const pool of page.UserPools ?? []) {
        if (pool.Id !== undefined) pools.push({ id: pool.Id, name: pool.Name ?? '' });
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return pools;
  }

  async describe(userPoolId: string): Promise<Record<string, unknown>> {
    const { UserPool } = await this.client.send(
      new DescribeUserPoolCommand({ UserPoolId: userPoolId }),
      this.options(),
    );
    if (UserPool === undefined) throw new Error(`Cognito described no user pool ${userPoolId}`);
    return { ...UserPool };
  }

  async update(request: Record<string, unknown>): Promise<void> {
    // The plan builds the request from the description's own fields, checked against the SDK's types.
    await this.client.send(
      new UpdateUserPoolCommand(request as unknown as UpdateUserPoolCommandInput),
      this.options(),
    );
  }
}
