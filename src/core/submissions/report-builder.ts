import type { ApprovedReport, ReportValue } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import type { SubmissionContext } from './context.js';
import { loadAttachments } from './repository/attachments.js';
import { loadNarrativeText } from './repository/submissions.js';
import { listRecords } from './repository/list-records.js';
import { listValues } from './repository/values.js';
import type { CellValue } from './types.js';

export interface FreezeOptions {
  approvedBy: string;
  approvedAt: Date;
  version: number;
  kind: 'original' | 'correction';
  /** Values to freeze instead of the stored ones (a correction's new values). */
  values?: CellValue[];
}

function toReportValues(ctx: SubmissionContext, values: CellValue[]): ReportValue[] {
  const units = new Map(ctx.form.rows.map((r) => [r.indicatorCode, r.unit]));
  return values.map((v) => ({
    indicatorCode: v.indicatorCode,
    columnCode: v.columnCode,
    value: v.value,
    unit: units.get(v.indicatorCode) ?? '',
    ...(v.disaggregation ? { disaggregation: v.disaggregation } : {}),
  }));
}

/**
 * Freezes the submission as the exchange layer sees it (`ApprovedReport`). Built at approval
 * (what the leader signs) and for each correction; read inside the caller's transaction so
 * the report matches the state being committed.
 */
export async function buildApprovedReport(tx: SqlExecutor, ctx: SubmissionContext, opts: FreezeOptions): Promise<ApprovedReport> {
  const s = ctx.submission;
  const values = opts.values ?? (s.type === 'data' ? await listValues(tx, s.id) : []);
  const report: ApprovedReport = {
    submissionId: s.id,
    version: opts.version,
    kind: opts.kind,
    orgUnit: { id: ctx.unit.id, orgCode: ctx.unit.orgCode, name: ctx.unit.name },
    form: { code: ctx.form.code, name: ctx.form.name, regimeCode: ctx.form.regimeCode, type: ctx.form.type },
    period: ctx.assignment.period,
    values: toReportValues(ctx, values),
    approvedBy: opts.approvedBy,
    approvedAt: opts.approvedAt.toISOString(),
    classification: 'normal',
    ...(ctx.assignment.deadline ? { deadline: ctx.assignment.deadline } : {}),
  };
  if (s.type === 'list' && ctx.form.list) {
    report.list = {
      columns: ctx.form.list.columns.map((c) => ({ code: c.code, label: c.label, type: c.type, ...(c.unit ? { unit: c.unit } : {}) })),
      records: await listRecords(tx, s.id),
    };
  }
  if (s.type === 'narrative') {
    const narrative = await loadNarrativeText(tx, s.id);
    const attachments = await loadAttachments(tx, s.id);
    report.narrative = {
      title: narrative?.title ?? '',
      text: narrative?.text ?? '',
      attachments: attachments.map((a) => ({
        name: a.name,
        mediaType: a.mediaType,
        sha256: a.sha256,
        contentBase64: a.content.toString('base64'),
      })),
    };
  }
  return report;
}
