import type { Role } from '../../http/principal.js';

/**
 * The life of one submission (Kon Tum 8-9, Hải Phòng 8.3, Lai Châu 15.4): entered as a draft,
 * submitted to the unit's leader, approved and signed, dispatched by the clerk to its receiver
 * (the unit the regime's routing names, or the national system), then accepted, returned or
 * (national system only) refused. Returned, refused and recalled reports go back to editing;
 * an accepted report changes only through a correction, which runs the whole path again as the
 * next version.
 */
export type SubmissionState = 'draft' | 'submitted' | 'returned' | 'approved' | 'sent' | 'accepted' | 'refused';

export const SUBMISSION_STATES: readonly SubmissionState[] = ['draft', 'submitted', 'returned', 'approved', 'sent', 'accepted', 'refused'];

export type WorkflowAction =
  'submit' | 'approve' | 'return' | 'reject_signature' | 'dispatch' | 'accept' | 'refuse' | 'recall' | 'request_correction';

export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = [
  'submit',
  'approve',
  'return',
  'reject_signature',
  'dispatch',
  'accept',
  'refuse',
  'recall',
  'request_correction',
];

/** States in which values and narrative may still be edited. */
export const EDITABLE_STATES: readonly SubmissionState[] = ['draft', 'returned', 'refused'];

export type SubmissionType = 'data' | 'narrative' | 'list';

/** Workflow roles: the human roles plus the gateway itself (auto-dispatch, national receipts). */
export type ActorRole = Role | 'system';

/**
 * Which side of the exchange the actor stands on for this submission: the sending unit
 * (its own staff, or an ancestor's) or the receiving unit (the parent; the national system
 * for the province root). Computed by the service from the org scope.
 */
export type Party = 'sender' | 'receiver';

export interface Actor {
  id: string;
  roles: readonly ActorRole[];
  parties: readonly Party[];
}

export interface Submission {
  id: string;
  assignmentId: string;
  orgUnitId: string;
  formCode: string;
  periodKey: string;
  type: SubmissionType;
  classification: 'normal';
  state: SubmissionState;
  /**
   * The version the next dispatch sends: 1 at first; +1 each time a dispatched report comes
   * back to editing (recall, return or refusal by the receiver, correction after acceptance),
   * so every dispatch is a new version with its own packets and signature.
   */
  version: number;
  /** 'correction' once a version of this report has been accepted (đính chính). */
  kind: 'original' | 'correction';
  createdBy: string;
  createdAt: Date;
  /** Last time values or narrative were entered (Lai Châu 17.4). */
  enteredAt: Date | null;
  /** First submission to the leader: what timeliness measures. */
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  sentAt: Date | null;
  /** First dispatch to the receiver not undone by a refusal: what timeliness measures by default. */
  firstSentAt: Date | null;
  acceptedAt: Date | null;
  consolidatedAt: Date | null;
  /** Signature over the frozen approved report, and who/what signed it. */
  signature: string | null;
  signer: string | null;
  updatedAt: Date;
}

export interface CellValue {
  indicatorCode: string;
  columnCode: string;
  value: number | null;
  /** Phân tổ, e.g. { gender: 'F' }; absent for the total. */
  disaggregation?: Record<string, string>;
}

export interface Narrative {
  title: string;
  text: string;
  attachments: AttachmentMeta[];
}

export interface AttachmentMeta {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface TransitionRecord {
  submissionId: string;
  action: WorkflowAction;
  from: SubmissionState;
  to: SubmissionState;
  actor: string;
  /** The role the actor acted in (the first of theirs the transition allows). */
  role: ActorRole;
  at: Date;
  reason: string | null;
  /** Version of the submission after the transition. */
  version: number;
}

/** A disaggregation as a stable key, so (indicator, column, disaggregation) is one cell. */
export function disaggregationKey(d: Record<string, string> | undefined): string {
  if (!d) return '';
  return Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(';');
}
