import { api } from '../api.js';
import { submissionsOf } from '../reports-data.js';
import { childrenOf, type AppState } from '../store.js';
import type { Assignment, OrgUnit, Submission } from '../types.js';

/**
 * States whose figures count in the parent's consolidation: the server sums only the reports its
 * unit has received (accepted); a report being corrected counts again once its new version is.
 */
export const APPROVED = new Set(['accepted']);

export interface SubUnitLine {
  unit: OrgUnit;
  assignment: Assignment | null;
  submission: Submission | null;
  values: Map<string, number | null> | null;
}

export interface Consolidation {
  lines: SubUnitLine[];
  own: { assignment: Assignment; submission: Submission | null } | null;
  /** Sum of the received sub-unit values per cell (`row|column`). */
  sum: Map<string, number>;
}

/** Every sub-unit's report of a period and form, their values, and the unit's own consolidated report. */
export async function loadConsolidation(state: AppState, periodKey: string, formCode: string): Promise<Consolidation> {
  const mine = state.principal.orgUnitId;
  const children = childrenOf(state, mine);
  const [{ assignments }, submissions] = await Promise.all([
    api.get('/api/v1/assignments', { params: { query: { periodKey, formCode } } }),
    submissionsOf({ periodKey, formCode }),
  ]);
  const byUnit = new Map(submissions.map((s) => [s.orgUnitId, s]));
  const assignmentOf = new Map(assignments.map((a) => [a.orgUnitId, a]));
  const sum = new Map<string, number>();
  const lines = await Promise.all(
    children.map(async (unit): Promise<SubUnitLine> => {
      const submission = byUnit.get(unit.id) ?? null;
      let values: Map<string, number | null> | null = null;
      if (submission && APPROVED.has(submission.state) && submission.type === 'data') {
        const view = await api.get('/api/v1/submissions/{id}', { params: { path: { id: submission.id } } });
        values = new Map(view.values.map((v) => [`${v.indicatorCode}|${v.columnCode}`, v.value]));
      }
      return { unit, assignment: assignmentOf.get(unit.id) ?? null, submission, values };
    }),
  );
  for (const l of lines) for (const [k, v] of l.values ?? []) if (v !== null) sum.set(k, (sum.get(k) ?? 0) + v);
  const ownAssignment = assignmentOf.get(mine);
  return {
    lines: lines.filter((l) => l.assignment || l.submission),
    own: ownAssignment ? { assignment: ownAssignment, submission: byUnit.get(mine) ?? null } : null,
    sum,
  };
}
