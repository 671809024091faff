import type { SqlExecutor } from '../../../store/database.js';

/** One cell, as the trail names it (disaggregation key '' when the row has none). */
export interface CellRef {
  indicatorCode: string;
  columnCode: string;
  disaggregationKey: string;
}

/** One change of a cell, old → new, as the database recorded it (migration 101). */
export interface CellChange extends CellRef {
  oldValue: number | null;
  newValue: number | null;
  changedBy: string;
  changedAt: Date;
  /** The report's state when it changed (e.g. approved: a change after approval). */
  state: string | null;
  /** false: changed outside the application (a statement typed into the database). */
  viaApp: boolean;
}

export interface CellComment extends CellRef {
  id: number;
  author: string;
  authorName: string;
  orgUnitId: string;
  body: string;
  createdAt: Date;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export async function listCellChanges(sql: SqlExecutor, submissionId: string): Promise<CellChange[]> {
  const { rows } = await sql.query<{
    indicator_code: string;
    column_code: string;
    disaggregation_key: string;
    old_value: string | null;
    new_value: string | null;
    changed_by: string;
    changed_at: Date;
    state: string | null;
    via_app: boolean;
  }>(
    `SELECT indicator_code, column_code, disaggregation_key, old_value::text AS old_value, new_value::text AS new_value,
            changed_by, changed_at, state, via_app
       FROM submission_value_history WHERE submission_id = $1 ORDER BY id`,
    [submissionId],
  );
  return rows.map((r) => ({
    indicatorCode: r.indicator_code,
    columnCode: r.column_code,
    disaggregationKey: r.disaggregation_key,
    oldValue: num(r.old_value),
    newValue: num(r.new_value),
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    state: r.state,
    viaApp: r.via_app,
  }));
}

interface CommentRow {
  id: number;
  indicator_code: string;
  column_code: string;
  disaggregation_key: string;
  author: string;
  author_name: string;
  org_unit_id: string;
  body: string;
  created_at: Date;
}

const commentOf = (r: CommentRow): CellComment => ({
  id: Number(r.id),
  indicatorCode: r.indicator_code,
  columnCode: r.column_code,
  disaggregationKey: r.disaggregation_key,
  author: r.author,
  authorName: r.author_name,
  orgUnitId: r.org_unit_id,
  body: r.body,
  createdAt: r.created_at,
});

export async function listCellComments(sql: SqlExecutor, submissionId: string): Promise<CellComment[]> {
  const { rows } = await sql.query<CommentRow>(
    `SELECT id, indicator_code, column_code, disaggregation_key, author, author_name, org_unit_id, body, created_at
       FROM submission_cell_comments WHERE submission_id = $1 ORDER BY id`,
    [submissionId],
  );
  return rows.map(commentOf);
}

export async function insertCellComment(sql: SqlExecutor, submissionId: string, c: Omit<CellComment, 'id'>): Promise<CellComment> {
  const { rows } = await sql.query<CommentRow>(
    `INSERT INTO submission_cell_comments (submission_id, indicator_code, column_code, disaggregation_key, author, author_name, org_unit_id, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING id, indicator_code, column_code, disaggregation_key, author, author_name, org_unit_id, body, created_at`,
    [submissionId, c.indicatorCode, c.columnCode, c.disaggregationKey, c.author, c.authorName, c.orgUnitId, c.body, c.createdAt],
  );
  return commentOf(rows[0]!);
}
