import type { CoreServices } from '../../core/core-services.js';
import { parsePeriodKey } from '../../core/calendar/index.js';
import type { SubmissionsServices } from '../../core/submissions/services.js';
import { disaggregationKey } from '../../core/submissions/types.js';
import { STATE_LABELS_VI } from '../../core/submissions/state-labels.js';
import type { Principal } from '../../http/principal.js';
import { ValidationError } from '../../shared/errors.js';
import { buildFormWorkbook } from '../../core/forms/form-workbook.js';

/**
 * Exports a unit's data form for a period as xlsx: its entered values, or the empty form. The
 * report is read through the submissions area's service (its scope check, its values), never its tables.
 */
export class FormExportService {
  constructor(
    private readonly submissions: SubmissionsServices,
    private readonly core: CoreServices,
    private readonly now: () => Date,
  ) {}

  async exportForm(
    principal: Principal,
    formCode: string,
    periodKey: string,
    orgUnitId = principal.orgUnitId,
  ): Promise<{ fileName: string; bytes: Buffer }> {
    const form = await this.core.forms.require(formCode);
    if (form.type !== 'data')
      throw new ValidationError(
        'FORM_NOT_EXPORTABLE',
        `Form ${formCode} is a narrative form; only data forms export to xlsx`,
        { formCode },
        422,
      );
    const period = parsePeriodKey(periodKey);
    await this.core.scope.assertCanAccess(principal, orgUnitId);
    const unit = await this.core.orgUnits.require(orgUnitId);
    const [submission] = await this.submissions.service.list(principal, { orgUnitId, formCode, periodKey: period.key, limit: 1 });
    const values = submission ? (await this.submissions.service.get(principal, submission.id)).values : [];
    const cells = values.map((v) => ({ ...v, disaggregationKey: disaggregationKey(v.disaggregation) }));
    const wb = buildFormWorkbook(form, cells, {
      orgUnitName: unit.name,
      orgCode: unit.orgCode,
      periodKey: period.key,
      stateLabel: submission ? STATE_LABELS_VI[submission.state] : 'Chưa có số liệu',
      generatedAt: this.now(),
    });
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    return { fileName: `${formCode}_${unit.orgCode}_${period.key}.xlsx`, bytes };
  }
}
