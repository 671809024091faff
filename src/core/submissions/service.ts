import type { Principal } from '../../http/principal.js';
import { consolidateSubmission, type ConsolidationResult } from './commands/consolidate-submission.js';
import { createSubmission, type CreateSubmissionInput } from './commands/create-submission.js';
import { saveNarrative, type NarrativeInput } from './commands/save-narrative.js';
import { saveValues, type SaveValuesResult } from './commands/save-values.js';
import { transitionSubmission, type TransitionBody, type TransitionOutcome } from './commands/transition-submission.js';
import { loadContext, systemActor } from './context.js';
import type { SubmissionsDeps } from './deps.js';
import type { ReceiverReceipt } from './ports.js';
import { getAttachment, getSubmission, submissionHistory, type SubmissionView } from './queries/get-submission.js';
import type { NewAttachment } from './repository/attachments.js';
import { listVisibleSubmissions } from './queries/list-submissions.js';
import { timeliness, type TimelinessReport } from './queries/timeliness.js';
import type { StoredTransition } from './repository/transitions.js';
import type { StoredSubmission, SubmissionFilter } from './repository/submissions.js';
import type { AttachmentMeta, CellValue, WorkflowAction } from './types.js';
import { ConflictError } from '../../shared/errors.js';

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

  history(principal: Principal, id: string): Promise<StoredTransition[]> {
    return submissionHistory(this.deps, principal, id);
  }

  saveValues(principal: Principal, id: string, values: CellValue[]): Promise<SaveValuesResult> {
    return saveValues(this.deps, principal, id, values);
  }

  saveNarrative(principal: Principal, id: string, input: NarrativeInput): Promise<{ submission: StoredSubmission; attachments: AttachmentMeta[] }> {
    return saveNarrative(this.deps, principal, id, input);
  }

  transition(principal: Principal, id: string, action: WorkflowAction, body: TransitionBody = {}): Promise<TransitionOutcome> {
    return transitionSubmission(this.deps, { principal }, id, action, body);
  }

  consolidate(principal: Principal, id: string): Promise<ConsolidationResult> {
    return consolidateSubmission(this.deps, principal, id);
  }

  /** With a principal, only the units in their scope. */
  async timeliness(periodKey: string, regimeCode?: string, principal?: Principal): Promise<TimelinessReport> {
    const report = await timeliness(this.deps, periodKey, regimeCode);
    if (!principal) return report;
    const visible = await this.deps.catalog.unitsInScope(principal);
    return { ...report, rows: report.rows.filter((r) => visible.has(r.orgUnitId)), units: report.units.filter((u) => visible.has(u.orgUnitId)) };
  }

  /**
   * The national system acknowledged a report that left the province (called by the delivery
   * engine): a sent report becomes accepted, a pending correction approved. Idempotent: a
   * receipt for a report already accepted changes nothing and returns null.
   */
  async markAcceptedByReceiver(submissionId: string, receipt: ReceiverReceipt): Promise<TransitionOutcome | null> {
    const { submission: s, national } = await loadContext(this.deps, submissionId);
    if (!national) throw new ConflictError('RECEIVER_NOT_NATIONAL', 'This report goes to the parent unit, not to the national system');
    const action = s.state === 'sent' ? 'accept' : s.state === 'correction_requested' ? 'approve_correction' : null;
    if (!action) return null;
    const actor = systemActor(`system:${receipt.system ?? 'national'}`, 'receiver');
    return transitionSubmission(this.deps, { system: actor }, submissionId, action, {}, { receipt });
  }
}
