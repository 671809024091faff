import { AppError } from '../../shared/errors.js';
import type { Principal } from '../../http/principal.js';
import type { Assignment } from '../assignments/types.js';
import type { CoreServices } from '../core-services.js';
import type { FormDefinition } from '../forms/types.js';
import type { OrgUnit } from '../org-units/types.js';
import type { AssignmentInfo, FormInfo, FormViolation, OrgUnitInfo, SubmissionCatalog } from './ports.js';
import type { CellValue } from './types.js';

function isCoreServices(x: unknown): x is CoreServices {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Partial<Record<keyof CoreServices, unknown>>;
  return ['orgUnits', 'indicators', 'regimes', 'forms', 'assignments', 'scope'].every(
    (k) => typeof c[k as keyof CoreServices] === 'object',
  );
}

const unitInfo = (u: OrgUnit): OrgUnitInfo => ({ id: u.id, orgCode: u.orgCode, name: u.name, kind: u.kind, parentId: u.parentId });

const assignmentInfo = (a: Assignment): AssignmentInfo => ({
  id: a.id,
  formCode: a.formCode,
  orgUnitId: a.orgUnitId,
  periodKey: a.periodKey,
  period: a.period,
  ...(a.deadline ? { deadline: a.deadline } : {}),
  ...(a.extendedUntil ? { extendedUntil: a.extendedUntil } : {}),
  status: a.status,
});

/** Rows carry the indicator's unit so the frozen report says what was measured in what. */
function formInfo(f: FormDefinition): FormInfo {
  return {
    code: f.code,
    name: f.name,
    regimeCode: f.regimeCode ?? '',
    type: f.type,
    rows: f.rows.map((r) => ({ indicatorCode: r.indicatorCode, unit: r.unit, label: r.label })),
    columns: f.columns.map((c) => ({ code: c.code, kind: c.kind, label: c.label })),
    ...(f.plausibility?.length ? { plausibility: f.plausibility } : {}),
    narrative: f.narrative,
    list: f.list ?? null,
  };
}

/** The submissions port over the real catalog services. */
class CoreCatalog implements SubmissionCatalog {
  constructor(private readonly core: CoreServices) {}

  async assignment(id: string): Promise<AssignmentInfo | null> {
    const a = await this.core.assignments.get(id);
    return a ? assignmentInfo(a) : null;
  }

  async assignmentsForPeriod(periodKey: string, regimeCode?: string): Promise<AssignmentInfo[]> {
    const list = await this.core.assignments.list({ periodKey, ...(regimeCode ? { regimeCode } : {}) });
    return list.map(assignmentInfo);
  }

  async form(code: string): Promise<FormInfo | null> {
    const f = await this.core.forms.get(code);
    return f ? formInfo(f) : null;
  }

  async regime(code: string) {
    const r = await this.core.regimes.get(code);
    return r
      ? {
          code: r.code,
          autoDispatch: r.autoDispatch,
          national: r.national,
          receiverOrgUnitId: r.receiverOrgUnitId,
          routing: r.routing,
          timelinessStep: r.timelinessStep,
        }
      : null;
  }

  async orgUnit(id: string): Promise<OrgUnitInfo | null> {
    const u = await this.core.orgUnits.get(id);
    return u ? unitInfo(u) : null;
  }

  async childUnits(id: string): Promise<OrgUnitInfo[]> {
    return (await this.core.orgUnits.children(id)).map(unitInfo);
  }

  async subtree(id: string): Promise<OrgUnitInfo[]> {
    return (await this.core.orgUnits.subtree(id)).map(unitInfo);
  }

  async canAccess(principal: Principal, unitId: string): Promise<boolean> {
    return this.core.scope.canAccess(principal, unitId);
  }

  async unitsInScope(principal: Principal): Promise<Set<string>> {
    return new Set((await this.core.orgUnits.subtree(principal.orgUnitId)).map((u) => u.id));
  }

  /** Form constraints bind the totals; disaggregated cells (phân tổ) are breakdowns of them. */
  async validateValues(form: FormInfo, values: CellValue[]): Promise<FormViolation[]> {
    const totals = values
      .filter((v) => !v.disaggregation || Object.keys(v.disaggregation).length === 0)
      .map((v) => ({ indicatorCode: v.indicatorCode, columnCode: v.columnCode, value: v.value }));
    const violations = await this.core.forms.validateValues(form.code, totals);
    return violations.map((v) => ({ ...v }));
  }
}

/**
 * Adapts `ctx.services.core` (org tree, forms, regimes, assignments, scope) to the small port
 * submissions need. Starting submissions before the core is a wiring error.
 */
export function catalogFromCore(core: unknown): SubmissionCatalog {
  if (!core) {
    throw new AppError('SUBMISSIONS_CATALOG_MISSING', 'submissionsModule needs coreModule (ctx.services.core) to start before it', 500);
  }
  if (!isCoreServices(core)) {
    throw new AppError('SUBMISSIONS_CATALOG_UNSUPPORTED', 'ctx.services.core does not expose the catalog submissions need', 500);
  }
  return new CoreCatalog(core);
}
