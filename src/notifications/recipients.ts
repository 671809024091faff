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
 * the active accounts of the event's unit in the org tree; `deciders` are the active leaders and
 * administrators of the units above it (the top unit's own administrators for the top unit,
 * as the extension rules decide). Read through identity's user service
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
  async function deciders(users: User[], orgUnitId: string): Promise<User[]> {
    const chain = deps.core ? await deps.core.orgUnits.ancestry(orgUnitId) : [];
    const above = new Set(chain.slice(1));
    const top = chain.length === 1;
    return users.filter(
      (u) =>
        (above.has(u.orgUnitId ?? '') && (u.roles.includes('leader') || u.roles.includes('admin'))) ||
        (top && u.orgUnitId === orgUnitId && u.roles.includes('admin')),
    );
  }
  return async (kind: RecipientKind, orgUnitId: string | null | undefined): Promise<string[]> => {
    const users = await activeUsers();
    const chosen =
      kind === 'all'
        ? users
        : kind === 'ops'
          ? users.filter((u) => u.roles.includes('ops') || u.roles.includes('admin'))
          : kind === 'deciders'
            ? orgUnitId
              ? await deciders(users, orgUnitId)
              : []
            : users.filter((u) => orgUnitId && u.orgUnitId === orgUnitId);
    const addresses = chosen.map(addressOf).filter((a): a is string => !!a);
    return [...new Set(kind === 'ops' ? [...deps.opsEmails, ...addresses] : addresses)].sort();
  };
}
