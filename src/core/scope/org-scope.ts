import type { Principal, Role } from '../../http/principal.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { OrgUnitRepository } from '../org-units/repository.js';
import type { OrgScope } from './types.js';

/** Org-subtree RBAC on the current tree: the caller's unit is the root of what they may touch. */
export class TreeOrgScope implements OrgScope {
  constructor(private readonly units: OrgUnitRepository) {}

  async isWithin(unitId: string, rootId: string): Promise<boolean> {
    if (unitId === rootId) return (await this.units.get(unitId)) !== null;
    return (await this.units.ancestry(unitId)).includes(rootId);
  }

  async canAccess(principal: Principal, unitId: string): Promise<boolean> {
    return this.isWithin(unitId, principal.orgUnitId);
  }

  async assertCanAccess(principal: Principal, unitId: string): Promise<void> {
    if (!(await this.isWithin(unitId, principal.orgUnitId))) {
      throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'This org unit is outside your unit', { orgUnitId: unitId });
    }
  }

  assertRole(principal: Principal, ...roles: Role[]): void {
    if (!roles.some((r) => principal.roles.includes(r))) {
      throw new ForbiddenError('ROLE_FORBIDDEN', `Requires one of the roles: ${roles.join(', ')}`, { required: roles });
    }
  }
}
