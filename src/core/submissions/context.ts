import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { Principal } from '../../http/principal.js';
import type { SubmissionsDeps } from './deps.js';
import type { AssignmentInfo, FormInfo, OrgUnitInfo, RegimeInfo } from './ports.js';
import { findSubmission, type StoredSubmission } from './repository/submissions.js';
import { resolveRoute, rulesFor } from './routing.js';
import type { Actor, ActorRole } from './types.js';

/**
 * What a command needs to know about a submission's place in the catalog, loaded before the
 * transaction opens (the catalog reads through its own connection; on PGlite a read outside
 * an open transaction would wait for it).
 */
export interface SubmissionContext {
  submission: StoredSubmission;
  assignment: AssignmentInfo;
  form: FormInfo;
  regime: RegimeInfo;
  unit: OrgUnitInfo;
  /** Who receives the report in the province (routing); null for the top report. */
  receiver: OrgUnitInfo | null;
  /** The report leaves the province: the receiver is the national system. */
  national: boolean;
}

// A regime the catalog does not know: the standard path, the clerk sends.
const DEFAULT_REGIME = (code: string): RegimeInfo => ({ code, autoDispatch: false, national: false });

async function ancestorsOf(deps: SubmissionsDeps, unit: OrgUnitInfo): Promise<OrgUnitInfo[]> {
  const out: OrgUnitInfo[] = [];
  for (let id = unit.parentId; id && out.length < 16;) {
    const u = await deps.catalog.orgUnit(id);
    if (!u) break;
    out.push(u);
    id = u.parentId;
  }
  return out;
}

/** The report's receiver and whether it goes national, from the regime's routing (data). */
async function routeOf(deps: SubmissionsDeps, unit: OrgUnitInfo, regime: RegimeInfo, assignment: AssignmentInfo) {
  const routing = regime.routing ?? {};
  const ancestors = await ancestorsOf(deps, unit);
  const rule = rulesFor(routing, assignment.formCode).receivers[unit.kind];
  const named = new Map<string, OrgUnitInfo>();
  if (rule && rule !== 'parent') {
    const u = await deps.catalog.orgUnit(rule.orgUnitId);
    if (u) named.set(u.id, u);
  }
  const assigned =
    ancestors.length === 0
      ? new Set<string>()
      : new Set(
          (await deps.catalog.assignmentsForPeriod(assignment.periodKey, regime.code))
            .filter((a) => a.formCode === assignment.formCode)
            .map((a) => a.orgUnitId),
        );
  return resolveRoute({
    unit,
    ancestors,
    assigned,
    finalReceiverId: regime.receiverOrgUnitId ?? null,
    routing,
    formCode: assignment.formCode,
    named: (id) => named.get(id),
  });
}

export async function loadCatalogFor(deps: SubmissionsDeps, assignmentId: string) {
  const assignment = await deps.catalog.assignment(assignmentId);
  if (!assignment) throw new NotFoundError('ASSIGNMENT_NOT_FOUND', `No assignment ${assignmentId}`);
  const form = await deps.catalog.form(assignment.formCode);
  if (!form) throw new NotFoundError('FORM_NOT_FOUND', `No form ${assignment.formCode}`);
  const unit = await deps.catalog.orgUnit(assignment.orgUnitId);
  if (!unit) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No org unit ${assignment.orgUnitId}`);
  const regime = (await deps.catalog.regime(form.regimeCode)) ?? DEFAULT_REGIME(form.regimeCode);
  const route = await routeOf(deps, unit, regime, assignment);
  return { assignment, form, unit, regime, receiver: route.receiver, national: route.national };
}

export async function loadContext(deps: SubmissionsDeps, id: string): Promise<SubmissionContext> {
  const submission = await findSubmission(deps.db, id);
  if (!submission) throw new NotFoundError('SUBMISSION_NOT_FOUND', `No submission ${id}`);
  return { submission, ...(await loadCatalogFor(deps, submission.assignmentId)) };
}

/** 403 ORG_SCOPE_FORBIDDEN unless the unit is in the caller's subtree. */
export async function assertUnitAccess(deps: SubmissionsDeps, principal: Principal, unitId: string): Promise<void> {
  if (!(await deps.catalog.canAccess(principal, unitId))) {
    throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'This report belongs to a unit outside your scope', { orgUnitId: unitId });
  }
}

/**
 * Which side the caller stands on. Staff of the unit itself act as sender; staff of the
 * receiving unit (routing) as receiver, even when the receiver is not an ancestor (a named
 * office). An administrator acts for any unit in their subtree. Only the national system
 * (through `recordNationalOutcome`) answers a report leaving the province.
 */
export async function actorFor(deps: SubmissionsDeps, principal: Principal, ctx: SubmissionContext): Promise<Actor> {
  const atReceiver = !!ctx.receiver && principal.orgUnitId === ctx.receiver.id;
  if (!atReceiver) await assertUnitAccess(deps, principal, ctx.unit.id);
  const admin = principal.roles.includes('admin');
  const parties: Actor['parties'][number][] = [];
  if (principal.orgUnitId === ctx.unit.id || admin) parties.push('sender');
  if (!ctx.national && ctx.receiver) {
    if (atReceiver || (admin && (await deps.catalog.canAccess(principal, ctx.receiver.id)))) parties.push('receiver');
  }
  return { id: principal.id, roles: principal.roles, parties };
}

/** The gateway acting on its own: auto-dispatch after approval, national receipts. */
export function systemActor(id: string, party: 'sender' | 'receiver'): Actor {
  const roles: ActorRole[] = ['system'];
  return { id, roles, parties: [party] };
}

export function assertRoles(principal: Principal, roles: readonly ActorRole[], what: string): void {
  if (!principal.roles.some((r) => roles.includes(r))) {
    throw new ForbiddenError('ROLE_FORBIDDEN', `Role ${roles.join(' or ')} required to ${what}`, { required: roles });
  }
}
