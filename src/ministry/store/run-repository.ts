import type { SqlExecutor } from '../../store/database.js';

export type RunStatus = 'running' | 'succeeded' | 'failed';

/** One execution of a connector, scheduled or on demand. */
export interface ConnectorRun {
  id: string;
  connectorId: string;
  trigger: 'schedule' | 'manual';
  direction: 'push' | 'pull';
  status: RunStatus;
  periodKey: string | null;
  summary: Record<string, unknown> | null;
  error: { code: string; message: string; details?: unknown } | null;
  startedAt: Date;
  finishedAt: Date | null;
}

interface RunRow {
  id: string;
  connector_id: string;
  trigger: ConnectorRun['trigger'];
  direction: ConnectorRun['direction'];
  status: RunStatus;
  period_key: string | null;
  summary: ConnectorRun['summary'];
  error: ConnectorRun['error'];
  started_at: Date;
  finished_at: Date | null;
}

const fromRow = (r: RunRow): ConnectorRun => ({
  id: r.id,
  connectorId: r.connector_id,
  trigger: r.trigger,
  direction: r.direction,
  status: r.status,
  periodKey: r.period_key,
  summary: r.summary,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export async function insertRun(sql: SqlExecutor, run: ConnectorRun): Promise<void> {
  await sql.query(
    `INSERT INTO ministry_connector_runs (id, connector_id, trigger, direction, status, period_key, started_at) VALUES ($1, $2, $3, $4, 'running', $5, $6)`,
    [run.id, run.connectorId, run.trigger, run.direction, run.periodKey, run.startedAt],
  );
}

export async function finishRun(
  sql: SqlExecutor,
  id: string,
  at: Date,
  outcome: { summary: Record<string, unknown> } | { error: NonNullable<ConnectorRun['error']> },
): Promise<void> {
  if ('summary' in outcome) {
    await sql.query(`UPDATE ministry_connector_runs SET status = 'succeeded', summary = $2, finished_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(outcome.summary),
      at,
    ]);
  } else {
    await sql.query(`UPDATE ministry_connector_runs SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [
      id,
      JSON.stringify(outcome.error),
      at,
    ]);
  }
}

export async function listRuns(sql: SqlExecutor, connectorId: string, limit = 20): Promise<ConnectorRun[]> {
  const { rows } = await sql.query<RunRow>(
    'SELECT * FROM ministry_connector_runs WHERE connector_id = $1 ORDER BY started_at DESC, seq DESC LIMIT $2',
    [connectorId, limit],
  );
  return rows.map(fromRow);
}

/** The latest run of each connector, in one query (the /ready detail). */
export async function lastRuns(sql: SqlExecutor, connectorIds: string[]): Promise<Map<string, ConnectorRun>> {
  const { rows } = await sql.query<RunRow>(
    'SELECT DISTINCT ON (connector_id) * FROM ministry_connector_runs WHERE connector_id = ANY($1::text[]) ORDER BY connector_id, started_at DESC, seq DESC',
    [connectorIds],
  );
  return new Map(rows.map((r) => [r.connector_id, fromRow(r)]));
}
