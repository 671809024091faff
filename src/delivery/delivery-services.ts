import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import type { ChannelBreakers } from './breakers.js';
import { RECALLED_CODE } from './outbox.js';
import type { DeliveryQueue } from './queue/queue.js';
import { packetCounts } from './packet-counts.js';
import { encodeCursor, pageQuery, reportPage, VIEW_COLUMNS } from './packet-pages.js';
import { DEAD_LETTER_STATES } from './state-machine.js';
import { latencyBuckets, operationalRecords } from './operational-data.js';
import type {
  DeliveryAttemptView,
  DeliveryErrorView,
  DeliveryServices,
  PacketFilter,
  PacketPage,
  PacketState,
  PacketView,
  ReplayResult,
  SummaryFilter,
} from './services.js';

interface ViewRow {
  packet_id: string;
  subject_kind: string;
  subject_id: string;
  submission_id: string | null;
  packet_type: string;
  org_unit_id: string | null;
  period_key: string | null;
  form_code: string | null;
  channel: string;
  state: PacketState;
  attempts: number;
  last_error_code: string | null;
  last_error_message: string | null;
  remote_id: string | null;
  fallback_remote_id: string | null;
  created_at: Date;
  updated_at: Date;
}

function toView(r: ViewRow): PacketView {
  return {
    packetId: r.packet_id,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    submissionId: r.submission_id,
    packetType: r.packet_type,
    orgUnitId: r.org_unit_id,
    periodKey: r.period_key,
    formCode: r.form_code,
    channel: r.channel,
    state: r.state,
    attempts: r.attempts,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    remoteId: r.remote_id ?? r.fallback_remote_id,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The read side and the replay command that the console and the CLI use (`ctx.services.delivery`). */
export function createDeliveryServices(db: Database, queue: DeliveryQueue, breakers: ChannelBreakers, now: () => Date): DeliveryServices {
  return {
    async summary(filter: SummaryFilter = {}) {
      const [counts, page] = await Promise.all([
        packetCounts(db, { route: 'national', subjectKind: 'report', periodKey: filter.periodKey, orgUnitIds: filter.orgUnitIds }),
        reportPage(db, filter),
      ]);
      return { ...counts, reports: page.reports, reportsNextCursor: page.nextCursor };
    },

    async listPackets(filter: PacketFilter) {
      return (await this.pagePackets(filter)).packets;
    },

    async pagePackets(filter: PacketFilter): Promise<PacketPage> {
      const limit = Math.min(filter.limit ?? 100, 1000);
      const { sql, params } = pageQuery(filter, limit);
      const res = await db.query<ViewRow & { sort_at: string }>(sql, params);
      const rows = res.rows.slice(0, limit);
      const last = rows[rows.length - 1];
      return { packets: rows.map(toView), nextCursor: res.rows.length > limit && last ? encodeCursor(last.sort_at, last.packet_id) : null };
    },

    async packet(packetId: string) {
      const res = await db.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM delivery_packets WHERE packet_id = $1`, [packetId]);
      if (!res.rows[0]) return null;
      const history = await db.query<{
        attempt: number;
        channel: string;
        at: Date;
        outcome: DeliveryAttemptView['outcome'];
        error_code: string | null;
        error_message: string | null;
        duration_ms: number;
        correlation_id: string | null;
      }>(
        'SELECT attempt, channel, at, outcome, error_code, error_message, duration_ms, correlation_id FROM delivery_attempts WHERE packet_id = $1 ORDER BY id',
        [packetId],
      );
      return {
        ...toView(res.rows[0]),
        history: history.rows.map((h) => ({
          attempt: h.attempt,
          channel: h.channel,
          at: new Date(h.at).toISOString(),
          outcome: h.outcome,
          errorCode: h.error_code,
          errorMessage: h.error_message,
          durationMs: h.duration_ms,
          correlationId: h.correlation_id,
        })),
      };
    },

    async replay(packetIds: string[], actor: string): Promise<ReplayResult> {
      const at = now().toISOString();
      return db.transaction(async (tx) => {
        const res = await tx.query<{ packet_id: string; state: PacketState; last_error_code: string | null }>(
          'SELECT packet_id, state, last_error_code FROM delivery_packets WHERE packet_id IN (SELECT jsonb_array_elements_text($1::jsonb)) FOR UPDATE',
          [JSON.stringify(packetIds)],
        );
        const found = new Map(res.rows.map((r) => [r.packet_id, r]));
        const result: ReplayResult = { requeued: [], skipped: [] };
        for (const id of new Set(packetIds)) {
          const r = found.get(id);
          if (!r) result.skipped.push({ packetId: id, reason: 'unknown packet' });
          else if (r.last_error_code === RECALLED_CODE) result.skipped.push({ packetId: id, reason: 'report recalled' });
          else if (!DEAD_LETTER_STATES.includes(r.state)) result.skipped.push({ packetId: id, reason: `not a dead letter (${r.state})` });
          else result.requeued.push(id);
        }
        if (result.requeued.length > 0) {
          const ids = JSON.stringify(result.requeued);
          // A fresh retry budget; earlier attempts stay in the history.
          await tx.query(
            `UPDATE delivery_packets SET state = 'queued', retry_base = attempts, channel = CASE WHEN route = 'archive' THEN 'edoc' WHEN route = 'ministry' THEN 'ministry' ELSE 'national' END,
               next_attempt_at = $2::timestamptz, updated_at = $2::timestamptz WHERE packet_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
            [ids, at],
          );
          await tx.query(
            'INSERT INTO delivery_outbox (packet_id, created_at) SELECT x, $2::timestamptz FROM jsonb_array_elements_text($1::jsonb) AS x',
            [ids, at],
          );
          for (const id of result.requeued)
            await appendAudit(tx, { actor, action: 'delivery.replay', subject: id, details: { from: found.get(id)!.state } });
        }
        return result;
      });
    },

    circuits: () => breakers.views(),
    operationalData: (q) => operationalRecords(db, q),
    latency: (q) => latencyBuckets(db, q),

    async queueDepths() {
      const c = await queue.counts();
      const outbox = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]!.n;
      return { delivery: c.waiting + c.active + c.delayed, outbox };
    },

    async recentErrors(limit = 50) {
      const res = await db.query<{ at: Date; packet_id: string; channel: string; error_code: string; error_message: string | null }>(
        // The partial index delivery_attempts_failed_idx (migration 100): a page, not a walk of every attempt.
        `SELECT at, packet_id, channel, error_code, error_message FROM delivery_attempts WHERE outcome <> 'ok' AND error_code IS NOT NULL
         ORDER BY id DESC LIMIT $1`,
        [Math.min(limit, 500)],
      );
      return res.rows.map((r): DeliveryErrorView => ({
        at: new Date(r.at).toISOString(),
        packetId: r.packet_id,
        channel: r.channel,
        code: r.error_code,
        message: r.error_message ?? '',
      }));
    },
  };
}
