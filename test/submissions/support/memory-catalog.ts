import type { Principal } from '../../../src/http/principal.js';
import { periodFor } from '../../../src/core/calendar/index.js';
import type {
  AssignmentInfo,
  FormInfo,
  FormViolation,
  OrgUnitInfo,
  RegimeInfo,
  SubmissionCatalog,
} from '../../../src/core/submissions/ports.js';
import type { CellValue } from '../../../src/core/submissions/types.js';

/**
 * A small province for submissions tests: province → district → communes A and B, one data
 * form whose TOTAL row must equal the sum of MALE and FEMALE, one narrative form.
 */
export class MemoryCatalog implements SubmissionCatalog {
  units = new Map<string, OrgUnitInfo>([
    ['prov', { id: 'prov', orgCode: '000.00.00.H41', name: 'UBND tỉnh', kind: 'province', parentId: null }],
    ['dist', { id: 'dist', orgCode: '000.00.01.H41', name: 'UBND huyện', kind: 'district', parentId: 'prov' }],
    ['comA', { id: 'comA', orgCode: '000.01.01.H41', name: 'UBND xã A', kind: 'commune', parentId: 'dist' }],
    ['comB', { id: 'comB', orgCode: '000.02.01.H41', name: 'UBND xã B', kind: 'commune', parentId: 'dist' }],
  ]);
  forms = new Map<string, FormInfo>([
    [
      'POP',
      {
        code: 'POP',
        name: 'Dân số',
        regimeCode: 'R-MONTH',
        type: 'data',
        rows: [
          { indicatorCode: 'TOTAL', unit: 'người' },
          { indicatorCode: 'MALE', unit: 'người' },
          { indicatorCode: 'FEMALE', unit: 'người' },
        ],
        columns: [
          { code: 'THIS_PERIOD', kind: 'number' },
          { code: 'PCT', kind: 'percent' },
        ],
      },
    ],
    [
      'NARR',
      {
        code: 'NARR',
        name: 'Báo cáo thuyết minh',
        regimeCode: 'R-MONTH',
        type: 'narrative',
        rows: [],
        columns: [],
        narrative: {
          maxAttachmentBytes: 100_000,
          maxAttachments: 2,
          mediaTypes: ['text/plain', 'application/pdf', 'application/octet-stream'],
        },
      },
    ],
  ]);
  regimes = new Map<string, RegimeInfo>([['R-MONTH', { code: 'R-MONTH', autoDispatch: false, national: false }]]);
  assignments = new Map<string, AssignmentInfo>();

  constructor() {
    const period = periodFor('month', 2027, 1);
    for (const unit of this.units.keys()) {
      for (const form of ['POP', 'NARR']) {
        const id = `${form}-${unit}`;
        this.assignments.set(id, { id, formCode: form, orgUnitId: unit, periodKey: period.key, period, deadline: '2027-01-18' });
      }
    }
  }

  async assignment(id: string) {
    return this.assignments.get(id) ?? null;
  }
  async assignmentsForPeriod(periodKey: string, regimeCode?: string) {
    return [...this.assignments.values()].filter(
      (a) => a.periodKey === periodKey && (!regimeCode || this.forms.get(a.formCode)?.regimeCode === regimeCode),
    );
  }
  async form(code: string) {
    return this.forms.get(code) ?? null;
  }
  async regime(code: string) {
    return this.regimes.get(code) ?? null;
  }
  async orgUnit(id: string) {
    return this.units.get(id) ?? null;
  }
  async childUnits(id: string) {
    return [...this.units.values()].filter((u) => u.parentId === id);
  }
  async subtree(id: string) {
    const out: OrgUnitInfo[] = [];
    for (const u of this.units.values())
      if (await this.canAccess({ kind: 'user', id: '', displayName: '', roles: [], orgUnitId: id }, u.id)) out.push(u);
    return out;
  }
  async canAccess(principal: Principal, unitId: string) {
    for (let u = this.units.get(unitId); u; u = u.parentId ? this.units.get(u.parentId) : undefined) {
      if (u.id === principal.orgUnitId) return true;
    }
    return false;
  }
  async unitsInScope(principal: Principal) {
    const ids = new Set<string>();
    for (const id of this.units.keys()) if (await this.canAccess(principal, id)) ids.add(id);
    return ids;
  }
  async validateValues(_form: FormInfo, values: CellValue[]): Promise<FormViolation[]> {
    const get = (ind: string) => values.find((v) => v.indicatorCode === ind && v.columnCode === 'THIS_PERIOD' && !v.disaggregation)?.value;
    const total = get('TOTAL');
    const parts = (get('MALE') ?? 0) + (get('FEMALE') ?? 0);
    if (total !== undefined && total !== null && total !== parts) {
      return [{ code: 'SUM_MISMATCH', message: `TOTAL ${total} ≠ MALE + FEMALE ${parts}`, cells: ['TOTAL/THIS_PERIOD'] }];
    }
    return [];
  }
}

export function principal(id: string, roles: Principal['roles'], orgUnitId: string): Principal {
  return { kind: 'user', id, displayName: id, roles, orgUnitId };
}
