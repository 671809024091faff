import { loadConfig } from '../../config.js';
import { shellOperator } from './shell-operator.js';
import type { Principal } from '../../http/principal.js';
import type { IdentityServices } from '../../identity/services.js';
import type { Database } from '../../store/database.js';

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
  const { identityApp } = await import('../../app/partial-apps.js');
  const gateway = await identityApp({ config: loadConfig(options.env), ...(options.db ? { db: options.db } : {}) });
  try {
    const { identity, core } = gateway.ctx.services;
    const operator = await shellOperator(core);
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
