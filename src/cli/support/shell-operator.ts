import { userInfo } from 'node:os';
import type { Principal } from '../../http/principal.js';
import { AppError } from '../../shared/errors.js';

interface OrgTree {
  orgUnits: { repo: { list(): Promise<{ id: string; parentId: string | null }[]> } };
}

/**
 * The operator at the shell acts as an administrator of the whole tree: whoever can run the CLI
 * already holds the database credentials. Audit entries name them as `cli:<os user>`.
 */
export async function shellOperator(core: OrgTree): Promise<Principal> {
  const root = (await core.orgUnits.repo.list()).find((u) => u.parentId === null);
  if (!root) throw new AppError('ORG_TREE_EMPTY', 'No root org unit: load the province first', 500);
  return { kind: 'user', id: `cli:${userInfo().username}`, displayName: 'CLI', roles: ['admin'], orgUnitId: root.id };
}
