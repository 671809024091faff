import { api } from '../api.js';
import { previousPeriodKey } from '../format.js';
import { historyOf, submissionsOf } from '../reports-data.js';
import { formOf, type AppState } from '../store.js';
import type { Form, SubmissionView, Transition } from '../types.js';
import { cellKey } from '../grid/violations.js';
import type { PlausibilityWarning } from './plausibility.js';

export interface ReportData {
  view: SubmissionView;
  form: Form;
  history: Transition[];
  previous: Map<string, number | null> | null;
  previousPeriod: string | null;
  /** Plausibility warnings the leader reads before signing (from the submissions API). */
  warnings: PlausibilityWarning[];
}

/** A report with its form, history and the previous period's values of the same unit and form. */
export async function loadReport(state: AppState, id: string): Promise<ReportData> {
  const view = await api.get('/api/v1/submissions/{id}', { params: { path: { id } } });
  const s = view.submission;
  const prevKey = previousPeriodKey(s.periodKey);
  const [form, history, prevList] = await Promise.all([
    formOf(state, s.formCode),
    historyOf(id),
    prevKey ? submissionsOf({ orgUnitId: s.orgUnitId, formCode: s.formCode, periodKey: prevKey }).catch(() => []) : Promise.resolve([]),
  ]);
  let previous: Map<string, number | null> | null = null;
  if (prevList[0] && s.type === 'data') {
    const pv = await api.get('/api/v1/submissions/{id}', { params: { path: { id: prevList[0].id } } }).catch(() => null);
    if (pv) previous = new Map(pv.values.map((v) => [cellKey(v.indicatorCode, v.columnCode), v.value]));
  }
  const warnings = view.warnings ?? [];
  return { view, form, history, previous, previousPeriod: prevKey, warnings };
}
