import type { ReportRegime } from '../catalog/types.js';
import type { OrgUnit } from '../org-units/types.js';
import type { PlannedAssignment } from './types.js';

/** The active units a regime assigns to: all units of its kinds, or its explicit list. */
export function selectAssignees(regime: Pick<ReportRegime, 'assignees'>, units: OrgUnit[]): OrgUnit[] {
  const active = units.filter((u) => u.active);
  const a = regime.assignees;
  if ('kinds' in a) return active.filter((u) => a.kinds.includes(u.kind));
  const wanted = new Set(a.orgUnitIds);
  return active.filter((u) => wanted.has(u.id));
}

/**
 * Every (form × unit) of a regime for one period. Pure: the caller inserts them with
 * ON CONFLICT DO NOTHING, so planning the same period twice creates nothing new.
 */
export function planAssignments(
  regime: Pick<ReportRegime, 'code'>,
  periodKey: string,
  formCodes: string[],
  units: OrgUnit[],
  deadline: string | null,
): PlannedAssignment[] {
  const out: PlannedAssignment[] = [];
  for (const formCode of formCodes) {
    for (const unit of units) {
      out.push({ regimeCode: regime.code, formCode, orgUnitId: unit.id, periodKey, deadline, parentAssignmentId: null });
    }
  }
  return out;
}
