import type { ApprovedReport, ReportPeriod } from '../approved-report.js';
import type { ListSpec, PlausibilityRule } from '../forms/types.js';
import type { Principal } from '../../http/principal.js';
import type { RegimeRouting } from './routing.js';
import type { OrgUnitInfo } from './org-unit-info.js';

export type { OrgUnitInfo } from './org-unit-info.js';
import type { CellValue } from './types.js';

/**
 * Display names of accounts by id (identity's users and ministry clients): how the history and
 * the cell trail name who acted. Ids it does not know (system actors, database edits) are absent.
 */
export type AccountNames = (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface FormColumnInfo {
  code: string;
  /** Percent (and other ratio) columns are never summed in consolidation. */
  kind: 'number' | 'percent' | 'text';
  /** The column's heading (messages name it). */
  label?: string;
}

export interface FormRowInfo {
  indicatorCode: string;
  unit: string;
  /** The row's name as the form shows it (messages name it). */
  label?: string;
}

export interface FormInfo {
  code: string;
  name: string;
  regimeCode: string;
  type: 'data' | 'narrative' | 'list';
  rows: FormRowInfo[];
  columns: FormColumnInfo[];
  /** Plausibility rules: warnings the leader sees before signing, never a refusal. */
  plausibility?: PlausibilityRule[];
  /** Narrative forms: attachment rules (the smaller of this and the gateway limit applies). */
  narrative?: { maxAttachmentBytes: number; maxAttachments: number; mediaTypes: string[] } | null;
  /** List-type forms: the record columns. */
  list?: ListSpec | null;
}

export interface RegimeInfo {
  code: string;
  /** Approval dispatches in the same transaction (default true). */
  autoDispatch: boolean;
  /** Kept for the regime API; which reports go national is `routing.national` (default: the receiver's). */
  national: boolean;
  /** The regime's final receiver (default: the root of the org tree). */
  receiverOrgUnitId?: string | null;
  /** Routing as data (receivers per unit kind, which reports go national), per form. */
  routing?: RegimeRouting;
  /** The step timeliness is measured at: first sent to the receiver (default) or first submitted to the leader. */
  timelinessStep?: TimelinessStep;
}

export type TimelinessStep = 'sent' | 'submitted';

export interface AssignmentInfo {
  id: string;
  formCode: string;
  orgUnitId: string;
  periodKey: string;
  period: ReportPeriod;
  /** ISO date the report is due. */
  deadline?: string;
  /** A granted extension (gia hạn): entry stays open until the end of this day. */
  extendedUntil?: string;
  classification?: 'normal' | 'secret';
  /** Reception closed out of schedule (Lai Châu 17.4): no new report, no submission. */
  status?: 'open' | 'closed';
}

/** One broken form constraint, as the catalog reports it. */
export interface FormViolation {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export interface SubmissionCatalog {
  assignment(id: string): Promise<AssignmentInfo | null>;
  assignmentsForPeriod(periodKey: string, regimeCode?: string): Promise<AssignmentInfo[]>;
  form(code: string): Promise<FormInfo | null>;
  regime(code: string): Promise<RegimeInfo | null>;
  orgUnit(id: string): Promise<OrgUnitInfo | null>;
  childUnits(id: string): Promise<OrgUnitInfo[]>;
  /** The unit and every unit below it. */
  subtree(id: string): Promise<OrgUnitInfo[]>;
  /** True when `unitId` is the principal's scope root or below it. */
  canAccess(principal: Principal, unitId: string): Promise<boolean>;
  /** The ids `canAccess` allows, read once to filter a whole list. */
  unitsInScope(principal: Principal): Promise<Set<string>>;
  validateValues(form: FormInfo, values: CellValue[]): Promise<FormViolation[]>;
}

/**
 * Signs the frozen approved report for the leader (provided by the exchange area as
 * `ctx.services.exchange.reportSigner`, with the government signature). Returns the
 * signature and the signer's identity (e.g. certificate subject).
 */
/** Who approves and what they add at signing (token PIN, remote-signing OTP); never stored. */
export interface SignContext {
  /** Principal id of the approving leader. */
  signerId: string;
  orgUnitId: string;
  authorization?: { pin?: string; otp?: string };
}

export interface ReportSigner {
  sign(report: ApprovedReport, context?: SignContext): Promise<{ signature: string; signer: string }>;
  verify(report: ApprovedReport, signature: string): Promise<boolean>;
}

/** What the delivery engine hands back when the national system acknowledges a report. */
export interface ReceiverReceipt {
  /** The receiver's id for the report. */
  receiptId: string;
  receivedAt?: string;
  system?: string;
}

/**
 * The national system's answer on one report (QCVN 125 report status / receipt), as delivery,
 * exchange's status poll and its signed callback hand it to `recordNationalOutcome`.
 */
export interface NationalOutcome {
  outcome: 'accepted' | 'refused' | 'returned';
  /** The version the answer is about; omitted = the version in flight. */
  version?: number;
  /** Why it was refused or returned (shown to the unit); required unless `code` is given. */
  reason?: string;
  /** The receiver's or channel's code, e.g. NATIONAL_SIGNATURE_REJECTED, TU_CHOI. */
  code?: string;
  receiptId?: string;
  /** ISO timestamp of the answer. */
  at?: string;
  /** Which system answered (default national). */
  system?: string;
  packetId?: string;
}
