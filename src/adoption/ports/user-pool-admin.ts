/**
 * The user pool calls an attach needs: find a pool, read its whole description, send one UpdateUserPool.
 * One real implementation: `src/adapters/cognito/user-pool-admin.ts`.
 */
export interface PoolSummary {
  id: string;
  name: string;
}

export interface UserPoolAdmin {
  listPools(): Promise<PoolSummary[]>;
  /** The `UserPool` object of DescribeUserPool, as Cognito answered it. */
  describe(userPoolId: string): Promise<Record<string, unknown>>;
  update(request: Record<string, unknown>): Promise<void>;
}
