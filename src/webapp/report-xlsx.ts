import type { CoreServices } from '../core/core-services.js';
import { buildFormWorkbook } from '../core/forms/form-workbook.js';
import { STATE_LABELS_VI } from '../core/submissions/state-labels.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import { disaggregationKey } from '../core/submissions/types.js';
import type { Principal } from '../http/principal.js';
import { ValidationError } from '../shared/errors.js';

/**
 * One report as the official form in xlsx, for whoever may read it: its figures (totals of the
 * form's sum rules as formulas over their parts), its cell comments as the cells' notes, its
 * state. Read through the submissions and catalog services (the scope check is theirs); the
 * file reads back into the grid through read-xlsx.
 */
export async function reportWorkbook(
  deps: { core: CoreServices; submissions: SubmissionsServices },
  principal: Principal,
  submissionId: string,
  now: Date,
): Promise<{ fileName: string; bytes: Buffer }> {
  const view = await deps.submissions.service.get(principal, submissionId);
  const s = view.submission;
  if (s.type !== 'data')
    throw new ValidationError(
      'FORM_NOT_EXPORTABLE',
      `Report ${submissionId} is not a data report; only data reports export to xlsx`,
      { submissionId },
      422,
    );
  const [form, unit, trail] = await Promise.all([
    deps.core.forms.require(s.formCode),
    deps.core.orgUnits.require(s.orgUnitId),
    deps.submissions.service.cellTrail(principal, submissionId),
  ]);
  const wb = buildFormWorkbook(
    form,
    view.values.map((v) => ({ ...v, disaggregationKey: disaggregationKey(v.disaggregation) })),
    {
      orgUnitName: unit.name,
      orgCode: unit.orgCode,
      periodKey: s.periodKey,
      stateLabel: `${STATE_LABELS_VI[s.state]} (phiên bản ${s.version})`,
      generatedAt: now,
      comments: trail.comments,
    },
  );
  return { fileName: `${s.formCode}_${unit.orgCode}_${s.periodKey}.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}
