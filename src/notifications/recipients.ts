import type { CoreServices } from '../core/core-services.js';
import type { Principal } from '../http/principal.js';
import type { IdentityServices } from '../identity/services.js';
import type { User } from '../identity/types.js';
import type { RecipientKind } from './rules.js';

export interface RecipientDeps {
  identity?: IdentityServices;
  core?: CoreServices;
  opsEmails: string[];
  fallbackDomain?: string;
}

/**
 * Who is told: `ops` are the active ops and admin accounts (and NOTIFY_OPS_EMAILS); `unit` are
 * the active accounts of the event's unit in the org tree. Read through identity's user service
 * as the province's administrator (the system acting, scoped to the root of the tree).
 */
export function recipientResolver(deps: RecipientDeps) {
  const addressOf = (u: User): string | null => u.email ?? (deps.fallbackDomain ? `${u.username}@${deps.fallbackDomain}` : null);
  async function activeUsers(): Promise<User[]> {
    if (!deps.identity || !deps.core) return [];
    const root = (await deps.core.orgUnits.repo.list()).find((u) => u.parentId === null);
    if (!root) return [];
    const system: Principal = {
      kind: 'user',
      id: 'system:notifications',
      displayName: 'Hệ thống thông báo',
      roles: ['admin'],
      orgUnitId: root.id,
    };
    return deps.identity.users.list(system, { status: 'active', limit: 10_000 });
  }
  return async (kind: RecipientKind, orgUnitId: string | null | undefined): Promise<string[]> => {
    const users = await activeUsers();
    const chosen =
      kind === 'all'
        ? users
        : kind === 'ops'
          ? users.filter((u) => u.roles.includes('ops') || u.roles.includes('admin'))
          : users.filter((u) => orgUnitId && u.orgUnitId === orgUnitId);
    const addresses = chosen.map(addressOf).filter((a): a is string => !!a);
    return [...new Set(kind === 'ops' ? [...deps.opsEmails, ...addresses] : addresses)].sort();
  };
}
