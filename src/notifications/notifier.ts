import type { DeliveryQueue } from '../delivery/queue/queue.js';
import { logger } from '../shared/logger.js';
import type { Database } from '../store/database.js';
import type { Mailer, WebhookSender } from './channels.js';
import type { EventType, NotificationRule, RecipientKind } from './rules.js';

/** Something that happened; `key` names it so the same event never notifies twice. */
export interface NotificationEvent {
  type: EventType;
  key: string;
  orgUnitId?: string | null;
  subject: string;
  text: string;
  data?: Record<string, unknown>;
  /** Only this rule (threshold rules: the watcher raised the event for that rule's threshold). */
  ruleId?: string;
}

export interface NotifierDeps {
  db: Database;
  queue: DeliveryQueue;
  rules: NotificationRule[];
  mailer?: Mailer;
  webhook?: WebhookSender;
  /** E-mail addresses for a rule's recipients: ops, the active users of a unit, or everyone. */
  recipients(kind: RecipientKind, orgUnitId: string | null | undefined): Promise<string[]>;
  now: () => Date;
  maxAttempts?: number;
  /** Waits before the 2nd, 3rd, ... attempt (the last repeats); default 5 s, 30 s, 2 min, 10 min. */
  backoffMs?: number[];
}

const JOB_PREFIX = 'notification:';
const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000];

/**
 * Notifications through the queue port: `raise` writes one row per rule × channel × recipient
 * (deduplicated by key), then a job per row; the worker sends it, records the outcome, and
 * retries with backoff up to `maxAttempts` before the row is `failed`.
 */
export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  async raise(event: NotificationEvent): Promise<number> {
    const ids: string[] = [];
    for (const rule of this.deps.rules.filter((r) => r.event === event.type && (!event.ruleId || r.id === event.ruleId))) {
      for (const channel of rule.channels) {
        const targets =
          channel === 'webhook'
            ? this.deps.webhook
              ? ['webhook']
              : []
            : this.deps.mailer
              ? await this.deps.recipients(rule.recipients, event.orgUnitId)
              : [];
        for (const recipient of targets) {
          const body =
            channel === 'webhook'
              ? JSON.stringify({
                  type: event.type,
                  key: event.key,
                  rule: rule.id,
                  orgUnitId: event.orgUnitId ?? null,
                  subject: event.subject,
                  text: event.text,
                  data: event.data ?? {},
                })
              : event.text;
          const res = await this.deps.db.query<{ id: string }>(
            `INSERT INTO notifications (dedupe_key, rule_id, event_type, channel, recipient, org_unit_id, subject, body, created_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
            [
              `${rule.id}|${event.key}|${channel}|${recipient}`,
              rule.id,
              event.type,
              channel,
              recipient,
              event.orgUnitId ?? null,
              event.subject,
              body,
              this.deps.now(),
            ],
          );
          if (res.rows[0]) ids.push(String(res.rows[0].id));
        }
      }
    }
    if (ids.length) await this.deps.queue.add(ids.map((id) => ({ packetId: `${JOB_PREFIX}${id}` })));
    return ids.length;
  }

  /** Re-adds rows still queued (after a restart the in-process queue is empty). */
  async sweep(): Promise<void> {
    const res = await this.deps.db.query<{ id: string }>("SELECT id FROM notifications WHERE state = 'queued' ORDER BY id LIMIT 1000");
    if (res.rows.length) await this.deps.queue.add(res.rows.map((r) => ({ packetId: `${JOB_PREFIX}${r.id}` })));
  }

  start(concurrency = 2): void {
    this.deps.queue.process(async (job) => this.deliver(job.packetId.slice(JOB_PREFIX.length)), { concurrency });
  }

  private async deliver(id: string): Promise<{ retryAfterMs?: number } | void> {
    const res = await this.deps.db.query<{
      channel: string;
      recipient: string;
      subject: string;
      body: string;
      attempts: number;
      state: string;
    }>('SELECT channel, recipient, subject, body, attempts, state FROM notifications WHERE id = $1', [id]);
    const row = res.rows[0];
    if (!row || row.state !== 'queued') return;
    try {
      if (row.channel === 'webhook') await this.deps.webhook!.send(row.body, this.deps.now());
      else await this.deps.mailer!.send({ to: row.recipient, subject: row.subject, text: row.body });
      await this.deps.db.query(
        "UPDATE notifications SET state = 'sent', attempts = attempts + 1, sent_at = $2, last_error = NULL WHERE id = $1",
        [id, this.deps.now()],
      );
    } catch (err) {
      const attempts = row.attempts + 1;
      const failed = attempts >= (this.deps.maxAttempts ?? 5);
      await this.deps.db.query('UPDATE notifications SET attempts = $2, last_error = $3, state = $4 WHERE id = $1', [
        id,
        attempts,
        (err as Error).message,
        failed ? 'failed' : 'queued',
      ]);
      logger.warn('notification not sent', { id, channel: row.channel, attempts, error: (err as Error).message });
      const backoff = this.deps.backoffMs ?? BACKOFF_MS;
      if (!failed) return { retryAfterMs: backoff[Math.min(attempts - 1, backoff.length - 1)] };
    }
  }
}
