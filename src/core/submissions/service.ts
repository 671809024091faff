import type { Principal } from '../../http/principal.js';
import { cellTrail, commentCell, type CellCommentInput, type CellTrail } from './commands/cell-trail.js';
import type { CellComment } from './repository/cell-trail.js';
import { consolidateSubmission, type ConsolidationResult } from './commands/consolidate-submission.js';
import { createSubmission, type CreateSubmissionInput } from './commands/create-submission.js';
import { saveNarrative, type NarrativeInput } from './commands/save-narrative.js';
import { saveRecords, type SaveRecordsResult } from './commands/save-records.js';
import { saveValues, type SaveValuesResult } from './commands/save-values.js';
import type { ListRecord } from '../forms/types.js';
import { transitionSubmission, type TransitionBody, type TransitionOutcome } from './commands/transition-submission.js';
import { loadContext, systemActor } from './context.js';
import type { SubmissionsDeps } from './deps.js';
import type { NationalOutcome, ReceiverReceipt } from './ports.js';
import { getAttachment, getSubmission, submissionHistory, type NamedTransition, type SubmissionView } from './queries/get-submission.js';
import type { NewAttachment } from './repository/attachments.js';
import { listVisibleSubmissions } from './queries/list-submissions.js';
import { timeliness, timelinessOver, type Span, type SpanTimeliness, type TimelinessReport } from './queries/timeliness.js';
import { buildTimelinessWorkbook, spanLabel } from './queries/timeliness-workbook.js';
import type { StoredSubmission, SubmissionFilter } from './repository/submissions.js';
import type { AttachmentMeta, CellValue, WorkflowAction } from './types.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';

/** Periodic keys and ad hoc ones (2027-AH3). */
const PERIOD_KEY = /^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H1|9M|Y|AH\d+)$/;

/** The submissions use cases; routes delegate here in one line each. */
export class SubmissionService {
  constructor(private readonly deps: SubmissionsDeps) {}

  create(principal: Principal, input: CreateSubmissionInput): Promise<StoredSubmission> {
    return createSubmission(this.deps, principal, input);
  }

  get(principal: Principal, id: string): Promise<SubmissionView> {
    return getSubmission(this.deps, principal, id);
  }

  list(principal: Principal, filter: SubmissionFilter): Promise<StoredSubmission[]> {
    return listVisibleSubmissions(this.deps, principal, filter);
  }

  attachment(principal: Principal, id: string, attachmentId: string): Promise<NewAttachment> {
    return getAttachment(this.deps, principal, id, attachmentId);
  }

  history(principal: Principal, id: string): Promise<NamedTransition[]> {
    return submissionHistory(this.deps, principal, id);
  }

  /** Every cell change (old → new) and cell comment of a report. */
  cellTrail(principal: Principal, id: string): Promise<CellTrail> {
    return cellTrail(this.deps, principal, id);
  }

  commentCell(principal: Principal, id: string, input: CellCommentInput): Promise<CellComment> {
    return commentCell(this.deps, principal, id, input);
  }

  saveValues(principal: Principal, id: string, values: CellValue[]): Promise<SaveValuesResult> {
    return saveValues(this.deps, principal, id, values);
  }

  /** A list-type report's records, saved as a whole. */
  saveRecords(principal: Principal, id: string, records: ListRecord[]): Promise<SaveRecordsResult> {
    return saveRecords(this.deps, principal, id, records);
  }

  saveNarrative(
    principal: Principal,
    id: string,
    input: NarrativeInput,
  ): Promise<{ submission: StoredSubmission; attachments: AttachmentMeta[] }> {
    return saveNarrative(this.deps, principal, id, input);
  }

  async transition(
    principal: Principal,
    id: string,
    action: WorkflowAction,
    body: TransitionBody & { values?: CellValue[] } = {},
  ): Promise<TransitionOutcome> {
    const { values, ...rest } = body;
    const out = await transitionSubmission(this.deps, { principal }, id, action, rest);
    // A correction may carry its cells: they go into the reopened draft, which still runs the whole path.
    if (action === 'request_correction' && values && values.length > 0) {
      const saved = await saveValues(this.deps, principal, id, values);
      return { ...out, submission: saved.submission };
    }
    return out;
  }

  consolidate(principal: Principal, id: string): Promise<ConsolidationResult> {
    return consolidateSubmission(this.deps, principal, id);
  }

  /** With a principal, only the units in their scope. */
  async timeliness(periodKey: string, regimeCode?: string, principal?: Principal): Promise<TimelinessReport> {
    if (!PERIOD_KEY.test(periodKey)) {
      throw new ValidationError(
        'PERIOD_KEY_INVALID',
        `Mã kỳ báo cáo không hợp lệ: "${periodKey}" (ví dụ 2027-M01, 2027-Q1, 2027-H1, 2027-9M, 2027-Y)`,
        { periodKey },
      );
    }
    const report = await timeliness(this.deps, periodKey, regimeCode);
    if (!principal) return report;
    const visible = await this.deps.catalog.unitsInScope(principal);
    return {
      ...report,
      rows: report.rows.filter((r) => visible.has(r.orgUnitId)),
      units: report.units.filter((u) => visible.has(u.orgUnitId)),
    };
  }

  /** Per unit over a month, a quarter, 6 months or a year; with a principal, only their scope. */
  async timelinessOver(span: Span, regimeCode?: string, principal?: Principal): Promise<SpanTimeliness> {
    const report = await timelinessOver(this.deps, span, regimeCode);
    if (!principal) return report;
    const visible = await this.deps.catalog.unitsInScope(principal);
    return {
      ...report,
      rows: report.rows.filter((r) => visible.has(r.orgUnitId)),
      units: report.units.filter((u) => visible.has(u.orgUnitId)),
    };
  }

  /** The span's timeliness as xlsx (Tổng hợp + Chi tiết), for the annual evaluation. */
  async timelinessWorkbook(span: Span, regimeCode?: string, principal?: Principal): Promise<{ fileName: string; bytes: Buffer }> {
    const report = await this.timelinessOver(span, regimeCode, principal);
    const names = new Map<string, string>();
    for (const u of report.units) names.set(u.orgUnitId, (await this.deps.catalog.orgUnit(u.orgUnitId))?.name ?? u.orgUnitId);
    const wb = buildTimelinessWorkbook(report, (id) => names.get(id) ?? id, this.deps.now());
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const slug = spanLabel(report)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-');
    return { fileName: `tinh-kip-thoi-${slug}.xlsx`, bytes };
  }

  /**
   * The national system's answer on a report that left the province (called by delivery when
   * a packet is acknowledged or rejected, and by exchange's status poll / signed callback):
   * accepted, refused (with the reason; e.g. a signature it does not accept) or returned
   * (trả lại, with the reason). Each is a transition of its own, audited, shown on the unit's
   * report. Idempotent: an answer for a version not in flight (already answered, recalled,
   * superseded) changes nothing and returns null.
   */
  async recordNationalOutcome(submissionId: string, outcome: NationalOutcome): Promise<TransitionOutcome | null> {
    const { submission: s, national } = await loadContext(this.deps, submissionId);
    if (!national)
      throw new ConflictError('RECEIVER_NOT_NATIONAL', 'This report goes to a unit of the province, not to the national system');
    if (s.state !== 'sent' || (outcome.version !== undefined && outcome.version !== s.version)) return null;
    const action = OUTCOME_ACTIONS[outcome.outcome];
    const reason = outcome.reason?.trim() || (outcome.code ? `Hệ thống báo cáo Chính phủ: ${outcome.code}` : undefined);
    const actor = systemActor(`system:${outcome.system ?? 'national'}`, 'receiver');
    const receipt = {
      receiptId: outcome.receiptId ?? null,
      code: outcome.code ?? null,
      at: outcome.at ?? null,
      packetId: outcome.packetId ?? null,
    };
    return transitionSubmission(
      this.deps,
      { system: actor },
      submissionId,
      action,
      { reason },
      { receipt, nationalOutcome: outcome.outcome },
    );
  }

  /** The national system acknowledged the report (delivery's receipt): `recordNationalOutcome(accepted)`. */
  markAcceptedByReceiver(submissionId: string, receipt: ReceiverReceipt): Promise<TransitionOutcome | null> {
    return this.recordNationalOutcome(submissionId, {
      outcome: 'accepted',
      receiptId: receipt.receiptId,
      at: receipt.receivedAt,
      system: receipt.system,
    });
  }
}

const OUTCOME_ACTIONS: Record<NationalOutcome['outcome'], WorkflowAction> = { accepted: 'accept', refused: 'refuse', returned: 'return' };
