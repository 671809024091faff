import type { SqlExecutor } from '../store/database.js';
import { ValidationError } from '../shared/errors.js';
import type { PacketFilter, PacketState, SummaryFilter, SyncSummary } from './services.js';
import { worstState } from './state-machine.js';

/**
 * Keyset pages over delivery_packets (migration 100's indexes): a page costs O(limit) at any
 * history size. A cursor is the last row's sort key, the timestamp in PostgreSQL's own text
 * form so no precision is lost on the way back.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0])))
      return [v[0], v[1]];
  } catch {
    // falls through to the error
  }
  throw new ValidationError('CURSOR_INVALID', 'Con trỏ trang (cursor) không hợp lệ');
}

export const VIEW_COLUMNS = `packet_id, subject_kind, subject_id, submission_id, packet_type, org_unit_id, period_key, form_code, channel, state, attempts,
  last_error_code, last_error_message, remote_id, fallback_remote_id, created_at, updated_at, updated_at::text AS sort_at`;

/** The WHERE of a page: only the filters given, so the planner sees plain index conditions. */
function conditions(filter: PacketFilter, params: unknown[], state?: PacketState): string[] {
  const where: string[] = [];
  if (state) where.push(`state = $${params.push(state)}`);
  if (filter.channel) where.push(`channel = $${params.push(filter.channel)}`);
  if (filter.periodKey) where.push(`period_key = $${params.push(filter.periodKey)}`);
  if (filter.orgUnitId) where.push(`org_unit_id = $${params.push(filter.orgUnitId)}`);
  if (filter.orgUnitIds) where.push(`org_unit_id = ANY($${params.push(filter.orgUnitIds)}::text[])`);
  if (filter.submissionId) where.push(`submission_id = $${params.push(filter.submissionId)}`);
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    where.push(`(updated_at, packet_id) < ($${params.push(at)}::timestamptz, $${params.push(id)})`);
  }
  return where;
}

/** SQL and parameters of one page; several states are one index range each, merged. */
export function pageQuery(filter: PacketFilter, limit: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const states: (PacketState | undefined)[] = filter.state ? [filter.state] : filter.states?.length ? filter.states : [undefined];
  const order = 'ORDER BY updated_at DESC, packet_id DESC';
  const parts = states.map((st) => {
    const where = conditions(filter, params, st);
    return `SELECT ${VIEW_COLUMNS} FROM delivery_packets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${order} LIMIT ${limit + 1}`;
  });
  const sql =
    parts.length === 1 ? parts[0]! : `SELECT * FROM (${parts.map((p) => `(${p})`).join(' UNION ALL ')}) t ${order} LIMIT ${limit + 1}`;
  return { sql, params };
}

type ReportRow = SyncSummary['reports'][number];

/**
 * A page of reports, newest first: the page's national packets by creation (index range), then
 * the worst state of each of those reports' packets (index on submission_id).
 */
export async function reportPage(db: SqlExecutor, filter: SummaryFilter): Promise<{ reports: ReportRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.reportsLimit ?? 100, 1), 1000);
  const params: unknown[] = [];
  const where = [`route = 'national'`, `subject_kind = 'report'`];
  if (filter.periodKey) where.push(`period_key = $${params.push(filter.periodKey)}`);
  if (filter.orgUnitIds) where.push(`org_unit_id = ANY($${params.push(filter.orgUnitIds)}::text[])`);
  if (filter.reportsCursor) {
    const [at, id] = decodeCursor(filter.reportsCursor);
    where.push(`(created_at, packet_id) < ($${params.push(at)}::timestamptz, $${params.push(id)})`);
  }
  const page = await db.query<{ packet_id: string; submission_id: string; sort_at: string }>(
    `SELECT packet_id, submission_id, created_at::text AS sort_at FROM delivery_packets WHERE ${where.join(' AND ')}
     ORDER BY created_at DESC, packet_id DESC LIMIT ${limit + 1}`,
    params,
  );
  const rows = page.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor = page.rows.length > limit && last ? encodeCursor(last.sort_at, last.packet_id) : null;
  const ids = [...new Set(rows.map((r) => r.submission_id))];
  if (ids.length === 0) return { reports: [], nextCursor };
  // One row per report, aggregated in SQL: its newest packet's fields and the distinct states of
  // all its packets (not every packet's row: a report of many packets costs one row, not many).
  const packets = await db.query<{
    submission_id: string;
    period_key: string;
    org_unit_id: string;
    form_code: string;
    channel: string;
    states: ReportRow['state'][];
  }>(
    `SELECT submission_id,
            (array_agg(period_key ORDER BY created_at DESC, packet_id DESC))[1] AS period_key,
            (array_agg(org_unit_id ORDER BY created_at DESC, packet_id DESC))[1] AS org_unit_id,
            (array_agg(form_code ORDER BY created_at DESC, packet_id DESC))[1] AS form_code,
            (array_agg(channel ORDER BY created_at DESC, packet_id DESC))[1] AS channel,
            array_agg(DISTINCT state) AS states
       FROM delivery_packets
      WHERE submission_id = ANY($1::text[]) AND route = 'national' AND subject_kind = 'report'
      GROUP BY submission_id`,
    [ids],
  );
  const bySubmission = new Map(packets.rows.map((r) => [r.submission_id, r]));
  const reports = ids.flatMap((id) => {
    const r = bySubmission.get(id);
    return r
      ? [
          {
            periodKey: r.period_key,
            orgUnitId: r.org_unit_id,
            formCode: r.form_code,
            submissionId: id,
            state: worstState(r.states),
            channel: r.channel,
          },
        ]
      : [];
  });
  return { reports, nextCursor };
}
