import type { Principal, Role } from '../../http/principal.js';

/** RBAC by org subtree: a user never reads or writes another unit's data. */
export interface OrgScope {
  /** True when `unitId` is `rootId` or below it in the current tree. */
  isWithin(unitId: string, rootId: string): Promise<boolean>;
  /** Throws ForbiddenError('ORG_SCOPE_FORBIDDEN') unless the unit is in the principal's subtree. */
  assertCanAccess(principal: Principal, unitId: string): Promise<void>;
  /** Throws ForbiddenError('ROLE_FORBIDDEN') unless the principal has one of the roles. */
  assertRole(principal: Principal, ...roles: Role[]): void;
}
