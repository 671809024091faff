import { ValidationError } from '../../shared/errors.js';
import { normalizeText } from '../text/index.js';
import { toListSpec } from './list-rules.js';
import type { CellRef, FormConstraint, FormDefinition, NewForm } from './types.js';

const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

function invalid(message: string, details: Record<string, unknown>): ValidationError {
  return new ValidationError('FORM_DEFINITION_INVALID', message, details);
}

function refsOf(c: FormConstraint): { rows: string[]; columns: string[] } {
  const cells = (...refs: CellRef[]) => ({ rows: refs.map((r) => r.row), columns: refs.map((r) => r.column) });
  switch (c.type) {
    case 'sum':
      return { rows: [c.total, ...c.parts], columns: c.columns ?? [] };
    case 'equals':
      return cells(c.left, c.right);
    case 'ratio':
      return cells(c.result, c.numerator, c.denominator);
    default:
      return { rows: c.rows ?? [], columns: c.columns ?? [] };
  }
}

/**
 * Normalises a form definition and checks it is coherent: unique row and column codes, every
 * constraint pointing at existing rows/columns, narrative forms with an attachment policy.
 */
export function toFormDefinition(input: NewForm): FormDefinition {
  if (!CODE.test(input.code)) throw invalid(`Form code "${input.code}" is invalid`, { code: input.code });
  const form: FormDefinition = {
    code: input.code,
    name: normalizeText(input.name, 'name'),
    type: input.type,
    regimeCode: input.regimeCode ?? null,
    rows: (input.rows ?? []).map((r) => ({ ...r, label: normalizeText(r.label, 'rows.label'), unit: normalizeText(r.unit, 'rows.unit') })),
    columns: (input.columns ?? []).map((c) => ({ ...c, label: normalizeText(c.label, 'columns.label') })),
    constraints: input.constraints ?? [],
    ...(input.plausibility?.length ? { plausibility: input.plausibility } : {}),
    narrative: input.narrative ?? null,
    list: input.type === 'list' ? toListSpec(input.code, input.list) : null,
    template: input.template ?? false,
    sample: input.sample ?? false,
  };
  if (form.type === 'data' && (form.rows.length === 0 || form.columns.length === 0)) {
    throw invalid('A data form needs at least one row and one column', { code: form.code });
  }
  if (form.type === 'narrative' && !form.narrative) throw invalid('A narrative form needs its attachment policy', { code: form.code });
  const rows = new Set(form.rows.map((r) => r.indicatorCode));
  const columns = new Set(form.columns.map((c) => c.code));
  if (rows.size !== form.rows.length) throw invalid('Row codes must be unique', { code: form.code });
  if (columns.size !== form.columns.length) throw invalid('Column codes must be unique', { code: form.code });
  const ids = new Set<string>();
  for (const c of form.constraints) {
    if (ids.has(c.id)) throw invalid(`Constraint id "${c.id}" is used twice`, { constraintId: c.id });
    ids.add(c.id);
    const refs = refsOf(c);
    const row = refs.rows.find((r) => !rows.has(r));
    const column = refs.columns.find((col) => !columns.has(col));
    if (row !== undefined) throw invalid(`Constraint ${c.id} names unknown row "${row}"`, { constraintId: c.id, row });
    if (column !== undefined) throw invalid(`Constraint ${c.id} names unknown column "${column}"`, { constraintId: c.id, column });
  }
  for (const r of form.plausibility ?? []) {
    if (ids.has(r.id)) throw invalid(`Constraint id "${r.id}" is used twice`, { constraintId: r.id });
    ids.add(r.id);
    const row = r.rows?.find((x) => !rows.has(x));
    const column = r.columns?.find((x) => !columns.has(x));
    if (row !== undefined) throw invalid(`Plausibility rule ${r.id} names unknown row "${row}"`, { constraintId: r.id, row });
    if (column !== undefined) throw invalid(`Plausibility rule ${r.id} names unknown column "${column}"`, { constraintId: r.id, column });
    if (r.type === 'change' && !(r.maxRatio > 0))
      throw invalid(`Plausibility rule ${r.id}: maxRatio must be positive`, { constraintId: r.id });
  }
  form.rows.sort((a, b) => a.order - b.order);
  return form;
}
