import type { SqlExecutor } from '../../../store/database.js';
import type { ActorRole, SubmissionState, TransitionRecord, WorkflowAction } from '../types.js';

export interface StoredTransition extends TransitionRecord {
  id: number;
  details: Record<string, unknown>;
}

export async function insertTransition(sql: SqlExecutor, t: TransitionRecord, details: Record<string, unknown> = {}): Promise<void> {
  await sql.query(
    `INSERT INTO submission_transitions (submission_id, action, from_state, to_state, actor, role, at, reason, version, details)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [t.submissionId, t.action, t.from, t.to, t.actor, t.role, t.at, t.reason, t.version, JSON.stringify(details)],
  );
}

export async function listTransitions(sql: SqlExecutor, submissionId: string): Promise<StoredTransition[]> {
  const res = await sql.query<{
    id: number;
    submission_id: string;
    action: WorkflowAction;
    from_state: SubmissionState;
    to_state: SubmissionState;
    actor: string;
    role: ActorRole;
    at: Date;
    reason: string | null;
    version: number;
    details: Record<string, unknown>;
  }>('SELECT * FROM submission_transitions WHERE submission_id = $1 ORDER BY id', [submissionId]);
  return res.rows.map((r) => ({
    id: r.id,
    submissionId: r.submission_id,
    action: r.action,
    from: r.from_state,
    to: r.to_state,
    actor: r.actor,
    role: r.role,
    at: r.at,
    reason: r.reason,
    version: r.version,
    details: r.details,
  }));
}

/** The latest transition of one of `actions` (e.g. the reason a correction was asked for). */
export async function lastTransitionOf(
  sql: SqlExecutor,
  submissionId: string,
  actions: readonly WorkflowAction[],
): Promise<StoredTransition | null> {
  const all = await listTransitions(sql, submissionId);
  return all.filter((t) => actions.includes(t.action)).at(-1) ?? null;
}
