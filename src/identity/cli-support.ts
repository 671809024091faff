import { userInfo } from 'node:os';
import { loadConfig } from '../config.js';
import type { Gateway } from '../gateway/gateway.js';
import type { Principal } from '../http/principal.js';
import { AppError } from '../shared/errors.js';
import type { Database } from '../store/database.js';
import type { IdentityServices } from './services.js';

/**
 * The CLI acts for the operator at the shell as an administrator of the whole tree: whoever
 * can run it already holds the database credentials. Audit entries name them as `cli:<os user>`.
 */
export type IdentityRunner = <T>(fn: (identity: IdentityServices, operator: Principal) => Promise<T>) => Promise<T>;

/** Options for tests: an open database and environment instead of the process's. */
export interface IdentityRunnerOptions {
  db?: Database;
  env?: NodeJS.ProcessEnv;
}

export function identityRunner(options: IdentityRunnerOptions = {}): IdentityRunner {
  return (fn) => withIdentity(fn, options);
}

export async function withIdentity<T>(
  fn: (identity: IdentityServices, operator: Principal) => Promise<T>,
  options: IdentityRunnerOptions = {},
): Promise<T> {
  // Loaded on use: the CLI starts without the whole gateway for the commands that do not need it.
  const [{ createGateway }, { coreModule }, { identityModule }] = await Promise.all([
    import('../gateway/gateway.js'),
    import('../core/module.js'),
    import('./module.js'),
  ]);
  const gateway: Gateway = await createGateway({ config: loadConfig(options.env), db: options.db, modules: [coreModule, identityModule] });
  try {
    const identity = gateway.ctx.services.identity;
    const core = gateway.ctx.services.core;
    if (!identity || !core) throw new AppError('IDENTITY_MODULE_MISSING', 'The identity module is not started', 500);
    const root = (await core.orgUnits.repo.list()).find((u) => u.parentId === null);
    if (!root) throw new AppError('ORG_TREE_EMPTY', 'No root org unit: load the province first', 500);
    const operator: Principal = {
      kind: 'user',
      id: `cli:${userInfo().username}`,
      displayName: 'CLI',
      roles: ['admin'],
      orgUnitId: root.id,
    };
    return await fn(identity, operator);
  } finally {
    await gateway.close();
  }
}

export function splitList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
