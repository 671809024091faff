import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../http/principal.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../shared/errors.js';
import { appendAudit } from '../../../store/audit-log.js';
import { assertRoles, assertUnitAccess, loadCatalogFor } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { findByAssignment, insertSubmission, type StoredSubmission } from '../repository/submissions.js';

export interface CreateSubmissionInput {
  assignmentId: string;
  classification?: 'normal' | 'secret';
}

/**
 * Opens the (single) submission of an assignment, as a draft. Reports classified as state
 * secrets are refused before anything is stored (Hải Phòng 5.2).
 */
export async function createSubmission(
  deps: SubmissionsDeps,
  principal: Principal,
  input: CreateSubmissionInput,
): Promise<StoredSubmission> {
  const cat = await loadCatalogFor(deps, input.assignmentId);
  if (input.classification === 'secret' || cat.assignment.classification === 'secret') {
    throw new ValidationError(
      'SECRET_REPORT_FORBIDDEN',
      'Báo cáo có nội dung bí mật nhà nước không được lập, lưu trữ hoặc gửi qua hệ thống',
      undefined,
      422,
    );
  }
  await assertUnitAccess(deps, principal, cat.unit.id);
  if (cat.assignment.status === 'closed') {
    throw new ConflictError('ASSIGNMENT_CLOSED', 'Reception of this report is closed', { assignmentId: cat.assignment.id });
  }
  assertRoles(principal, ['data_entry', 'admin'], 'create a submission');
  if (principal.orgUnitId !== cat.unit.id && !principal.roles.includes('admin')) {
    throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', "Only the assigned unit's staff enter its report", { orgUnitId: cat.unit.id });
  }
  const now = deps.now();
  const submission: StoredSubmission = {
    id: randomUUID(),
    assignmentId: cat.assignment.id,
    orgUnitId: cat.unit.id,
    formCode: cat.form.code,
    regimeCode: cat.form.regimeCode,
    periodKey: cat.assignment.periodKey,
    type: cat.form.type,
    classification: 'normal',
    state: 'draft',
    version: 1,
    kind: 'original',
    createdBy: principal.id,
    createdAt: now,
    enteredAt: null,
    firstSubmittedAt: null,
    submittedAt: null,
    approvedAt: null,
    approvedBy: null,
    sentAt: null,
    firstSentAt: null,
    acceptedAt: null,
    consolidatedAt: null,
    signature: null,
    signer: null,
    updatedAt: now,
  };
  return deps.db.transaction(async (tx) => {
    const existing = await findByAssignment(tx, cat.assignment.id);
    if (existing) {
      throw new ConflictError('SUBMISSION_EXISTS', 'This assignment already has a submission', { submissionId: existing.id });
    }
    await insertSubmission(tx, submission);
    await appendAudit(tx, {
      actor: principal.id,
      action: 'submission.create',
      subject: submission.id,
      orgUnitId: submission.orgUnitId,
      details: { assignmentId: submission.assignmentId, formCode: submission.formCode, periodKey: submission.periodKey },
    });
    return submission;
  });
}
