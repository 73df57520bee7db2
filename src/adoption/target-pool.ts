/**
 * The pool an attach means, read live: by id (its name checked when one is given too) or by a name that
 * exactly one pool carries. The osls attach took the first pool of that name; this one refuses instead.
 */
import { choosePool } from './domain/attach-plan';
import type { UserPoolAdmin } from './ports/user-pool-admin';

export interface PoolTarget {
  id?: string;
  name?: string;
}

export type TargetPool = { pool: Record<string, unknown> } | { refuse: string };

export async function describeTargetPool(
  admin: Pick<UserPoolAdmin, 'listPools' | 'describe'>,
  target: PoolTarget,
): Promise<TargetPool> {
  if (target.id !== undefined) {
    const pool = await admin.describe(target.id);
    const chosen = choosePool([{ id: target.id, name: String(pool.Name ?? '') }], target);
    return 'refuse' in chosen ? chosen : { pool };
  }
  const chosen = choosePool(await admin.listPools(), target);
  return 'refuse' in chosen ? chosen : { pool: await admin.describe(chosen.id) };
}
