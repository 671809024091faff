import type { NextFunction, Request, Response } from 'express';
import { principalOf, type Principal, type Role } from '../http/principal.js';
import { ForbiddenError } from '../shared/errors.js';
import { appendAudit, type AuditEntry } from '../store/audit-log.js';
import type { Database } from '../store/database.js';
import type { CoreServices } from './core-services.js';

/** What every core router needs: the services, storage for the audit trail. */
export interface CoreRouteDeps {
  core: CoreServices;
  db: Database;
}

/** Catalog writes: an authenticated admin (org-scoped checks come on top, per resource). */
export function adminOf(deps: CoreRouteDeps, req: Request): Principal {
  const principal = principalOf(req);
  deps.core.scope.assertRole(principal, 'admin');
  return principal;
}

/**
 * Province-wide catalog writes (indicators, regimes, forms, assignment generation): an admin
 * whose scope is the whole tree. An admin of a commune manages only their own subtree.
 */
export async function provinceAdminOf(deps: CoreRouteDeps, req: Request): Promise<Principal> {
  const principal = adminOf(deps, req);
  const unit = await deps.core.orgUnits.get(principal.orgUnitId);
  if (!unit || unit.parentId !== null) {
    throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'Changing the province catalog needs an administrator of the province', {
      orgUnitId: principal.orgUnitId,
    });
  }
  return principal;
}

/** Catalog changes are traced: who changed what, under the request's correlation id. */
export async function audit(deps: CoreRouteDeps, principal: Principal, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
  await appendAudit(deps.db, { actor: principal.id, ...entry });
}

/** Route stages run before body validation, so a caller without the right is told so first. */
export function requireAdmin(deps: CoreRouteDeps) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    adminOf(deps, req);
    next();
  };
}

export function requireProvinceAdmin(deps: CoreRouteDeps) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    await provinceAdminOf(deps, req);
    next();
  };
}

export function requireRole(deps: CoreRouteDeps, ...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    deps.core.scope.assertRole(principalOf(req), ...roles);
    next();
  };
}

export function requireAuthenticated(req: Request, _res: Response, next: NextFunction): void {
  principalOf(req);
  next();
}
