/** Shapes of the gateway's JSON as the app reads them (core and submissions APIs). */
export interface Assignment {
  id: string;
  regimeCode: string;
  formCode: string;
  orgUnitId: string;
  periodKey: string;
  period: { kind: string; label?: string; start?: string; end?: string };
  deadline: string | null;
  status: 'open' | 'closed';
  statusNote: string | null;
}

export type State = 'draft' | 'submitted' | 'returned' | 'approved' | 'sent' | 'accepted' | 'refused';

/** States in which values and narrative may still be edited (the server's EDITABLE_STATES). */
export const EDITABLE: readonly string[] = ['draft', 'returned', 'refused'];

export interface Submission {
  id: string;
  assignmentId: string;
  orgUnitId: string;
  formCode: string;
  regimeCode: string;
  periodKey: string;
  type: 'data' | 'narrative';
  state: State;
  version: number;
  kind: string;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  sentAt: string | null;
  acceptedAt: string | null;
  consolidatedAt: string | null;
  signer: string | null;
  updatedAt: string;
  createdAt: string;
}

export interface Transition {
  action: string;
  from: string;
  to: string;
  actor: string;
  role: string;
  at: string;
  reason: string | null;
  version: number;
  details?: Record<string, unknown>;
}

export interface CellValue {
  indicatorCode: string;
  columnCode: string;
  value: number | null;
}

export interface FormRow {
  indicatorCode: string;
  order: number;
  label: string;
  unit: string;
}
export interface FormColumn {
  code: string;
  label: string;
  kind: 'number' | 'percent';
}
export interface Form {
  code: string;
  name: string;
  type: 'data' | 'narrative';
  regimeCode: string | null;
  rows: FormRow[];
  columns: FormColumn[];
  constraints: unknown[];
  narrative: { maxAttachmentBytes: number; maxAttachments: number; mediaTypes: string[] } | null;
}

export interface SubmissionView {
  submission: Submission;
  values: CellValue[];
  narrative: { title: string; text: string; attachments: { id: string; name: string; mediaType: string; size: number }[] } | null;
  consolidationSources: { childSubmissionId: string; childOrgUnitId: string; childVersion: number }[];
  versions: { version: number; kind: string; createdAt: string; signer: string | null }[];
  pendingCorrection: { reason?: string; values?: CellValue[] } | null;
  actions: string[];
  deadline: string | null;
  national: boolean;
  /** The unit the report goes to in the province; null when national or at the top. */
  receiver: { id: string; orgCode: string; name: string } | null;
  /** Why the report is where it is (returned, refused with the national system's code, recalled, reopened for correction). */
  statusReason: { action: string; reason: string; actor: string; at: string; code: string | null } | null;
  /** Plausibility warnings (min-max, change against the previous period): read by the leader before signing. */
  warnings?: { code: string; ruleId?: string; row?: string; column?: string; message: string }[];
}

export interface OrgUnit {
  id: string;
  name: string;
  orgCode: string;
  kind: string;
  parentId: string | null;
  children?: OrgUnit[];
}

export interface Violation {
  code: string;
  message: string;
  constraintId?: string;
  row?: string;
  column?: string;
  expected?: number;
  actual?: number;
}
