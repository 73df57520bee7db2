/**
 * Finds a user pool's id by its name, for deployments that name the pool the trigger is attached to
 * but not its id. One real implementation: `src/adapters/cognito/user-pool-directory.ts`.
 */
export interface UserPoolDirectory {
  /** @throws when no pool, or more than one, has that name. */
  idByName(name: string): Promise<string>;
}
