import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import type { ChannelBreakers } from './breakers.js';
import { RECALLED_CODE } from './outbox.js';
import type { DeliveryQueue } from './queue/queue.js';
import { DEAD_LETTER_STATES, worstState } from './state-machine.js';
import {
  PACKET_STATES, type DeliveryAttemptView, type DeliveryErrorView, type DeliveryServices, type PacketFilter,
  type PacketState, type PacketView, type ReplayResult, type SyncSummary,
} from './services.js';

interface ViewRow {
  packet_id: string; subject_kind: string; subject_id: string; submission_id: string | null; packet_type: string; org_unit_id: string | null;
  period_key: string | null; form_code: string | null;
  channel: string; state: PacketState; attempts: number; last_error_code: string | null; last_error_message: string | null;
  remote_id: string | null; fallback_remote_id: string | null; created_at: Date; updated_at: Date;
}

const VIEW_COLUMNS = `packet_id, subject_kind, subject_id, submission_id, packet_type, org_unit_id, period_key, form_code, channel, state, attempts,
  last_error_code, last_error_message, remote_id, fallback_remote_id, created_at, updated_at`;

function toView(r: ViewRow): PacketView {
  return {
    packetId: r.packet_id, subjectKind: r.subject_kind, subjectId: r.subject_id, submissionId: r.submission_id, packetType: r.packet_type, orgUnitId: r.org_unit_id,
    periodKey: r.period_key, formCode: r.form_code, channel: r.channel, state: r.state, attempts: r.attempts,
    lastErrorCode: r.last_error_code, lastErrorMessage: r.last_error_message, remoteId: r.remote_id ?? r.fallback_remote_id,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The read side and the replay command that the console and the CLI use (`ctx.services.delivery`). */
export function createDeliveryServices(db: Database, queue: DeliveryQueue, breakers: ChannelBreakers, now: () => Date): DeliveryServices {
  return {
    async summary(filter = {}) {
      const res = await db.query<{ submission_id: string; period_key: string; org_unit_id: string; form_code: string; channel: string; state: PacketState }>(
        `SELECT submission_id, period_key, org_unit_id, form_code, channel, state FROM delivery_packets
         WHERE ($1::text IS NULL OR period_key = $1) AND route = 'national' AND subject_kind = 'report'`, [filter.periodKey ?? null],
      );
      const byState = Object.fromEntries(PACKET_STATES.map((s) => [s, 0])) as Record<PacketState, number>;
      const byChannel: SyncSummary['byChannel'] = {};
      const reports = new Map<string, { row: (typeof res.rows)[number]; states: PacketState[] }>();
      for (const r of res.rows) {
        byState[r.state]++;
        const c = (byChannel[r.channel] ??= {});
        c[r.state] = (c[r.state] ?? 0) + 1;
        const key = `${r.submission_id}`;
        const entry = reports.get(key) ?? { row: r, states: [] };
        entry.states.push(r.state);
        reports.set(key, entry);
      }
      return {
        byState, byChannel,
        reports: [...reports.values()].map(({ row, states }) => ({
          periodKey: row.period_key, orgUnitId: row.org_unit_id, formCode: row.form_code, submissionId: row.submission_id,
          state: worstState(states), channel: row.channel,
        })),
      };
    },

    async listPackets(filter: PacketFilter) {
      const res = await db.query<ViewRow>(
        `SELECT ${VIEW_COLUMNS} FROM delivery_packets
         WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR channel = $2) AND ($3::text IS NULL OR period_key = $3)
           AND ($4::text IS NULL OR org_unit_id = $4) AND ($5::text IS NULL OR submission_id = $5)
         ORDER BY updated_at DESC, packet_id LIMIT $6`,
        [filter.state ?? null, filter.channel ?? null, filter.periodKey ?? null, filter.orgUnitId ?? null, filter.submissionId ?? null, Math.min(filter.limit ?? 100, 1000)],
      );
      return res.rows.map(toView);
    },

    async packet(packetId: string) {
      const res = await db.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM delivery_packets WHERE packet_id = $1`, [packetId]);
      if (!res.rows[0]) return null;
      const history = await db.query<{ attempt: number; channel: string; at: Date; outcome: DeliveryAttemptView['outcome']; error_code: string | null; error_message: string | null; duration_ms: number; correlation_id: string | null }>(
        'SELECT attempt, channel, at, outcome, error_code, error_message, duration_ms, correlation_id FROM delivery_attempts WHERE packet_id = $1 ORDER BY id', [packetId],
      );
      return {
        ...toView(res.rows[0]),
        history: history.rows.map((h) => ({
          attempt: h.attempt, channel: h.channel, at: new Date(h.at).toISOString(), outcome: h.outcome, errorCode: h.error_code,
          errorMessage: h.error_message, durationMs: h.duration_ms, correlationId: h.correlation_id,
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
            `UPDATE delivery_packets SET state = 'queued', retry_base = attempts, channel = CASE WHEN route = 'archive' THEN 'edoc' ELSE 'national' END,
               next_attempt_at = $2::timestamptz, updated_at = $2::timestamptz WHERE packet_id IN (SELECT jsonb_array_elements_text($1::jsonb))`, [ids, at],
          );
          await tx.query('INSERT INTO delivery_outbox (packet_id, created_at) SELECT x, $2::timestamptz FROM jsonb_array_elements_text($1::jsonb) AS x', [ids, at]);
          for (const id of result.requeued) await appendAudit(tx, { actor, action: 'delivery.replay', subject: id, details: { from: found.get(id)!.state } });
        }
        return result;
      });
    },

    circuits: () => breakers.views(),

    async queueDepths() {
      const c = await queue.counts();
      const outbox = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]!.n;
      return { delivery: c.waiting + c.active + c.delayed, outbox };
    },

    async recentErrors(limit = 50) {
      const res = await db.query<{ at: Date; packet_id: string; channel: string; error_code: string; error_message: string | null }>(
        `SELECT at, packet_id, channel, error_code, error_message FROM delivery_attempts WHERE outcome <> 'ok' AND error_code IS NOT NULL
         ORDER BY id DESC LIMIT $1`, [Math.min(limit, 500)],
      );
      return res.rows.map((r): DeliveryErrorView => ({ at: new Date(r.at).toISOString(), packetId: r.packet_id, channel: r.channel, code: r.error_code, message: r.error_message ?? '' }));
    },
  };
}
