import type { ApprovedReport } from '../../approved-report.js';
import type { SqlExecutor } from '../../../store/database.js';
import type { Submission, SubmissionState, SubmissionType } from '../types.js';

interface SubmissionRow {
  id: string;
  assignment_id: string;
  org_unit_id: string;
  form_code: string;
  regime_code: string;
  period_key: string;
  type: SubmissionType;
  classification: 'normal';
  state: SubmissionState;
  version: number;
  kind: 'original' | 'correction';
  created_by: string;
  created_at: Date;
  entered_at: Date | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by: string | null;
  sent_at: Date | null;
  first_sent_at: Date | null;
  accepted_at: Date | null;
  consolidated_at: Date | null;
  signature: string | null;
  signer: string | null;
  updated_at: Date;
}

/** A submission row plus the regime it was created under (needed to route and dispatch). */
export interface StoredSubmission extends Submission {
  regimeCode: string;
}

function fromRow(r: SubmissionRow): StoredSubmission {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    orgUnitId: r.org_unit_id,
    formCode: r.form_code,
    regimeCode: r.regime_code,
    periodKey: r.period_key,
    type: r.type,
    classification: r.classification,
    state: r.state,
    version: r.version,
    kind: r.kind,
    createdBy: r.created_by,
    createdAt: r.created_at,
    enteredAt: r.entered_at,
    firstSubmittedAt: r.first_submitted_at,
    submittedAt: r.submitted_at,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    sentAt: r.sent_at,
    firstSentAt: r.first_sent_at,
    acceptedAt: r.accepted_at,
    consolidatedAt: r.consolidated_at,
    signature: r.signature,
    signer: r.signer,
    updatedAt: r.updated_at,
  };
}

const COLUMNS = `id, assignment_id, org_unit_id, form_code, regime_code, period_key, type, classification, state, version, kind,
  created_by, created_at, entered_at, first_submitted_at, submitted_at, approved_at, approved_by, sent_at, first_sent_at, accepted_at,
  consolidated_at, signature, signer, updated_at`;

export async function insertSubmission(sql: SqlExecutor, s: StoredSubmission): Promise<void> {
  await sql.query(
    `INSERT INTO submissions (id, assignment_id, org_unit_id, form_code, regime_code, period_key, type, classification,
       state, version, kind, created_by, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [
      s.id,
      s.assignmentId,
      s.orgUnitId,
      s.formCode,
      s.regimeCode,
      s.periodKey,
      s.type,
      s.classification,
      s.state,
      s.version,
      s.kind,
      s.createdBy,
      s.createdAt,
      s.updatedAt,
    ],
  );
}

/** `forUpdate` locks the row for the rest of the transaction: transitions are serialised per submission. */
export async function findSubmission(sql: SqlExecutor, id: string, forUpdate = false): Promise<StoredSubmission | null> {
  const res = await sql.query<SubmissionRow>(`SELECT ${COLUMNS} FROM submissions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return res.rows[0] ? fromRow(res.rows[0]) : null;
}

export async function findByAssignment(sql: SqlExecutor, assignmentId: string): Promise<StoredSubmission | null> {
  const res = await sql.query<SubmissionRow>(`SELECT ${COLUMNS} FROM submissions WHERE assignment_id = $1`, [assignmentId]);
  return res.rows[0] ? fromRow(res.rows[0]) : null;
}

export async function findForUnits(sql: SqlExecutor, unitIds: string[], formCode: string, periodKey: string): Promise<StoredSubmission[]> {
  if (unitIds.length === 0) return [];
  const res = await sql.query<SubmissionRow>(
    `SELECT ${COLUMNS} FROM submissions WHERE org_unit_id = ANY($1::text[]) AND form_code = $2 AND period_key = $3`,
    [unitIds, formCode, periodKey],
  );
  return res.rows.map(fromRow);
}

export async function listByPeriod(sql: SqlExecutor, periodKey: string): Promise<StoredSubmission[]> {
  const res = await sql.query<SubmissionRow>(`SELECT ${COLUMNS} FROM submissions WHERE period_key = $1`, [periodKey]);
  return res.rows.map(fromRow);
}

/** Writes the workflow fields the state machine may change. */
export async function updateWorkflowFields(sql: SqlExecutor, s: Submission): Promise<void> {
  await sql.query(
    `UPDATE submissions SET state=$2, version=$3, kind=$4, first_submitted_at=$5, submitted_at=$6, approved_at=$7,
       approved_by=$8, sent_at=$9, accepted_at=$10, signature=$11, signer=$12, updated_at=$13, first_sent_at=$14, consolidated_at=$15
     WHERE id=$1`,
    [
      s.id,
      s.state,
      s.version,
      s.kind,
      s.firstSubmittedAt,
      s.submittedAt,
      s.approvedAt,
      s.approvedBy,
      s.sentAt,
      s.acceptedAt,
      s.signature,
      s.signer,
      s.updatedAt,
      s.firstSentAt,
      s.consolidatedAt,
    ],
  );
}

export async function touchEntered(sql: SqlExecutor, id: string, now: Date): Promise<void> {
  await sql.query('UPDATE submissions SET entered_at=$2, updated_at=$2 WHERE id=$1', [id, now]);
}

export async function setConsolidated(sql: SqlExecutor, id: string, now: Date): Promise<void> {
  await sql.query('UPDATE submissions SET consolidated_at=$2, entered_at=$2, updated_at=$2 WHERE id=$1', [id, now]);
}

export async function saveApprovedReport(sql: SqlExecutor, id: string, report: ApprovedReport | null): Promise<void> {
  await sql.query('UPDATE submissions SET approved_report=$2 WHERE id=$1', [id, report === null ? null : JSON.stringify(report)]);
}

export async function loadApprovedReport(sql: SqlExecutor, id: string): Promise<ApprovedReport | null> {
  const res = await sql.query<{ approved_report: ApprovedReport | null }>('SELECT approved_report FROM submissions WHERE id=$1', [id]);
  return res.rows[0]?.approved_report ?? null;
}

export async function saveNarrativeText(sql: SqlExecutor, id: string, title: string, text: string, now: Date): Promise<void> {
  await sql.query('UPDATE submissions SET narrative_title=$2, narrative_text=$3, entered_at=$4, updated_at=$4 WHERE id=$1', [
    id,
    title,
    text,
    now,
  ]);
}

export async function loadNarrativeText(sql: SqlExecutor, id: string): Promise<{ title: string; text: string } | null> {
  const res = await sql.query<{ narrative_title: string | null; narrative_text: string | null }>(
    'SELECT narrative_title, narrative_text FROM submissions WHERE id=$1',
    [id],
  );
  const r = res.rows[0];
  return r && r.narrative_title !== null ? { title: r.narrative_title, text: r.narrative_text ?? '' } : null;
}

export interface SubmissionFilter {
  periodKey?: string;
  orgUnitId?: string;
  state?: SubmissionState;
  formCode?: string;
  limit: number;
}

export async function listSubmissions(sql: SqlExecutor, f: SubmissionFilter): Promise<StoredSubmission[]> {
  const res = await sql.query<SubmissionRow>(
    `SELECT ${COLUMNS} FROM submissions
     WHERE ($1::text IS NULL OR period_key = $1) AND ($2::text IS NULL OR org_unit_id = $2)
       AND ($3::text IS NULL OR state = $3) AND ($4::text IS NULL OR form_code = $4)
     ORDER BY updated_at DESC, id LIMIT $5`,
    [f.periodKey ?? null, f.orgUnitId ?? null, f.state ?? null, f.formCode ?? null, f.limit],
  );
  return res.rows.map(fromRow);
}
