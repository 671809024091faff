import type { SqlExecutor } from '../../store/database.js';
import type { ImportSummary } from '../types.js';

export type ImportKind = 'values' | 'indicators';
export type ImportJobStatus = 'running' | 'completed' | 'failed';

/** One import as recorded: its progress while it runs, its summary (or error) when done. */
export interface ImportRecord {
  id: string;
  source: string;
  kind: ImportKind;
  format: string;
  status: ImportJobStatus;
  dryRun: boolean;
  atomic: boolean;
  total: number;
  processed: number;
  summary: ImportSummary | null;
  error: { code: string; message: string; details?: unknown } | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewImport {
  id: string;
  source: string;
  kind: ImportKind;
  format: string;
  dryRun: boolean;
  atomic: boolean;
  total: number;
  createdBy: string;
  createdAt: Date;
}

export async function insertImport(sql: SqlExecutor, i: NewImport): Promise<void> {
  await sql.query(
    `INSERT INTO ministry_imports (id, source, kind, format, status, dry_run, atomic, total, processed, created_by, created_at)
     VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, 0, $8, $9)`,
    [i.id, i.source, i.kind, i.format, i.dryRun, i.atomic, i.total, i.createdBy, i.createdAt],
  );
}

export async function finishImport(
  sql: SqlExecutor,
  id: string,
  at: Date,
  outcome: { summary: ImportSummary } | { error: ImportRecord['error'] },
): Promise<void> {
  if ('summary' in outcome) {
    await sql.query(`UPDATE ministry_imports SET status = 'completed', processed = total, summary = $2, finished_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(outcome.summary),
      at,
    ]);
  } else {
    await sql.query(`UPDATE ministry_imports SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(outcome.error),
      at,
    ]);
  }
}

interface ImportRow {
  id: string;
  source: string;
  kind: ImportKind;
  format: string;
  status: ImportJobStatus;
  dry_run: boolean;
  atomic: boolean;
  total: number;
  processed: number;
  summary: ImportSummary | null;
  error: ImportRecord['error'];
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
}

export async function findImport(sql: SqlExecutor, id: string): Promise<ImportRecord | null> {
  const { rows } = await sql.query<ImportRow>('SELECT * FROM ministry_imports WHERE id = $1', [id]);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    source: r.source,
    kind: r.kind,
    format: r.format,
    status: r.status,
    dryRun: r.dry_run,
    atomic: r.atomic,
    total: r.total,
    processed: r.processed,
    summary: r.summary,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}
