/**
 * An approved (and signed by the leader) submission, frozen as the exchange layer sees it.
 * The core produces it when a leader approves; the exchange layer maps it to national packets;
 * delivery carries it. Provincial codes only: mapping to national codes happens in exchange.
 */
export type PeriodKind = 'month' | 'quarter' | 'half_year' | 'nine_months' | 'year' | 'ad_hoc';

export interface ReportPeriod {
  kind: PeriodKind;
  year: number;
  /** Month 1-12 or quarter 1-4; absent for half_year / nine_months / year / ad_hoc. */
  index?: number;
  /** Stable key, e.g. 2027-M01, 2027-Q1, 2027-H1, 2027-9M, 2027-Y, or an ad hoc id. */
  key: string;
  /** Cut-off window, ISO dates (YYYY-MM-DD), inclusive. */
  windowStart: string;
  windowEnd: string;
}

export interface ReportValue {
  /** Provincial indicator code. */
  indicatorCode: string;
  /** Form column code, e.g. PLAN, THIS_PERIOD, YTD, PCT_SAME_PERIOD. */
  columnCode: string;
  value: number | null;
  /** Provincial unit of measure as entered, e.g. "triệu đồng". */
  unit: string;
  /** Disaggregation (phân tổ), provincial codes, e.g. { gender: 'F' }. */
  disaggregation?: Record<string, string>;
}

/** A list-type report's content (biểu dạng danh sách): typed columns and the records. */
export interface ReportList {
  columns: { code: string; label: string; type: 'text' | 'integer' | 'number' | 'date' | 'boolean' | 'code'; unit?: string }[];
  records: { rowNo: number; values: Record<string, string | number | boolean | null> }[];
}

export interface ReportAttachment {
  name: string;
  mediaType: string;
  sha256: string;
  /** Base64 content; present when the attachment travels with the report. */
  contentBase64?: string;
}

/** A leader's approval signature carried beside a dispatched report (national profile v2). */
export interface ReportApproval {
  /** `approval`: this report's own; `source`: a consolidated source report's. */
  role: 'approval' | 'source';
  submissionId: string;
  version: number;
  orgCode: string;
  /** JAdES JSON (docs/signing.md). */
  signature: string;
}

export interface ApprovedReport {
  submissionId: string;
  /** Increments on each approved correction (đính chính); the original is 1. */
  version: number;
  kind: 'original' | 'correction';
  orgUnit: { id: string; orgCode: string; name: string };
  form: { code: string; name: string; regimeCode: string; type: 'data' | 'narrative' | 'list' };
  period: ReportPeriod;
  values: ReportValue[];
  narrative?: { title: string; text: string; attachments: ReportAttachment[] };
  /** List-type reports: the form's columns and the records as approved. */
  list?: ReportList;
  approvedBy: string;
  /** ISO timestamp. */
  approvedAt: string;
  /** ISO date the report is due, if it has a deadline. */
  deadline?: string;
  /** Security classification; state-secret reports are never built into packets (Hải Phòng 5.2). */
  classification: 'normal' | 'secret';
  /** Set at dispatch only, never signed nor frozen: the approvals the national packet carries. */
  approvals?: ReportApproval[];
}
