import type { CoreServices } from '../../core/core-services.js';
import { parsePeriodKey } from '../../core/calendar/index.js';
import { listValues } from '../../core/submissions/repository/values.js';
import { findForUnits } from '../../core/submissions/repository/submissions.js';
import { disaggregationKey } from '../../core/submissions/types.js';
import { STATE_LABELS_VI } from '../../core/submissions/state-labels.js';
import type { Principal } from '../../http/principal.js';
import type { Database } from '../../store/database.js';
import { ValidationError } from '../../shared/errors.js';
import { buildFormWorkbook } from '../../core/forms/form-workbook.js';

/** Exports a unit's data form for a period as xlsx: its entered values, or the empty form. */
export class FormExportService {
  constructor(
    private readonly db: Database,
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
    const [submission] = await findForUnits(this.db, [orgUnitId], formCode, period.key);
    const values = submission ? await listValues(this.db, submission.id) : [];
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
