import type { Database } from '../store/database.js';

export interface NotificationRecord {
  id: string;
  ruleId: string;
  eventType: string;
  channel: string;
  recipient: string;
  orgUnitId: string | null;
  subject: string;
  state: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The record of every notification (newest first, keyset by id): what was told, to whom, and whether it went. */
export async function listNotifications(
  db: Database,
  filter: { limit: number; before?: string; orgUnitIds?: string[] },
): Promise<{ notifications: NotificationRecord[]; nextCursor: string | null }> {
  const res = await db.query<{
    id: string | number;
    rule_id: string;
    event_type: string;
    channel: string;
    recipient: string;
    org_unit_id: string | null;
    subject: string;
    state: NotificationRecord['state'];
    attempts: number;
    last_error: string | null;
    created_at: Date;
    sent_at: Date | null;
  }>(
    `SELECT id, rule_id, event_type, channel, recipient, org_unit_id, subject, state, attempts, last_error, created_at, sent_at
       FROM notifications WHERE ($1::bigint IS NULL OR id < $1::bigint) AND ($2::text[] IS NULL OR org_unit_id = ANY($2::text[]))
      ORDER BY id DESC LIMIT $3`,
    [filter.before ?? null, filter.orgUnitIds ?? null, filter.limit + 1],
  );
  const rows = res.rows.slice(0, filter.limit).map((r) => ({
    id: String(r.id),
    ruleId: r.rule_id,
    eventType: r.event_type,
    channel: r.channel,
    recipient: r.recipient,
    orgUnitId: r.org_unit_id,
    subject: r.subject,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
  return { notifications: rows, nextCursor: res.rows.length > filter.limit ? rows[rows.length - 1]!.id : null };
}
