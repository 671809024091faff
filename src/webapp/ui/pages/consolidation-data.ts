import { api } from '../api.js';
import { submissionsOf } from '../reports-data.js';
import { childrenOf, type AppState } from '../store.js';
import type { Assignment, Form, OrgUnit, Submission } from '../types.js';
import { previewSum } from './consolidation-sum.js';

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
  /** Sum of the received sub-unit values per cell (`row|column`), additive cells only (`previewSum`). */
  sum: Map<string, number>;
}

/** Every sub-unit's report of a period and form, their values, and the unit's own consolidated report. */
export async function loadConsolidation(state: AppState, periodKey: string, form: Form): Promise<Consolidation> {
  const formCode = form.code;
  const mine = state.principal.orgUnitId;
  const children = childrenOf(state, mine);
  const [{ assignments }, submissions] = await Promise.all([
    api.get('/api/v1/assignments', { params: { query: { periodKey, formCode } } }),
    submissionsOf({ periodKey, formCode }),
  ]);
  const byUnit = new Map(submissions.map((s) => [s.orgUnitId, s]));
  const assignmentOf = new Map(assignments.map((a) => [a.orgUnitId, a]));
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
  const sum = previewSum(
    form,
    lines.flatMap((l) => (l.values ? [l.values] : [])),
  );
  const ownAssignment = assignmentOf.get(mine);
  return {
    lines: lines.filter((l) => l.assignment || l.submission),
    own: ownAssignment ? { assignment: ownAssignment, submission: byUnit.get(mine) ?? null } : null,
    sum,
  };
}
