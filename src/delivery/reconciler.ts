import type { Database } from '../store/database.js';
import { logger } from '../shared/logger.js';
import type { ChannelBreakers } from './breakers.js';
import { ChannelError, type DeliveryReceipt } from './channel.js';
import type { AnswerResult, NationalAnswer } from './national-answers.js';
import { toPacketRecord, type PacketRecord } from './packet-store.js';
import type { DeliveryQueue } from './queue/queue.js';
import { ARCHIVE, EDOC, NATIONAL } from './worker.js';

export interface ReconcilerOptions {
  /** Unfinished packets untouched for this long are re-added to the queue (lost queue, crashed worker). */
  staleMs: number;
  batchSize: number;
}

/** A status poll's refusals that are the national system's answer (not a transport failure). */
const ANSWERED: Partial<Record<string, 'rejected' | 'returned'>> = { NATIONAL_REJECTED: 'rejected', NATIONAL_RETURNED: 'returned' };

/** The polled receipt as the callback hands it over: exact bytes (+ signature) for the message log. */
function answerOf(p: PacketRecord, status: NationalAnswer['status'], proof: unknown, reason?: string): NationalAnswer {
  return {
    receiptId: p.remoteId!,
    packetId: p.packetId,
    status,
    ...(reason ? { reason } : {}),
    raw: JSON.stringify({ via: 'status-poll', ...(typeof proof === 'object' && proof !== null ? proof : {}) }),
  };
}

export const DEFAULT_RECONCILER_OPTIONS: ReconcilerOptions = { staleMs: 120_000, batchSize: 1000 };

/**
 * The database is the source of truth; this keeps the queue and the remote systems in line
 * with it: re-adds packets a lost queue forgot, brings fallback-sent packets to the national
 * system once it is healthy (one probe at a time while it is not), and polls the status of
 * delivered-but-unacknowledged packets.
 */
export class Reconciler {
  constructor(
    private readonly db: Database,
    private readonly queue: DeliveryQueue,
    private readonly breakers: ChannelBreakers,
    private readonly now: () => Date,
    private readonly onAcknowledged: (p: PacketRecord, receipt: DeliveryReceipt) => Promise<void>,
    private readonly options: ReconcilerOptions = DEFAULT_RECONCILER_OPTIONS,
    private readonly onRejected: (p: PacketRecord, err: ChannelError) => Promise<void> = async () => undefined,
    /** The callback's path (applyNationalAnswer): a national answer seen by polling goes exactly where a signed callback goes. */
    private readonly onAnswer?: (answer: NationalAnswer) => Promise<AnswerResult>,
  ) {}

  async runOnce(): Promise<{ swept: number; reconciling: number; acknowledged: number }> {
    await this.breakers.load();
    const swept = await this.sweep();
    const reconciling = await this.reconcile();
    const acknowledged = await this.pollStatus();
    return { swept, reconciling, acknowledged };
  }

  /** Re-adds queued/sending packets whose job may be gone (the queue ignores those it still holds). */
  async sweep(staleMs = this.options.staleMs): Promise<number> {
    const cutoff = new Date(this.now().getTime() - staleMs).toISOString();
    const res = await this.db.query<{ packet_id: string }>(
      `SELECT packet_id FROM delivery_packets p WHERE state IN ('queued', 'sending') AND COALESCE(next_attempt_at, updated_at) < $1::timestamptz
         AND NOT EXISTS (SELECT 1 FROM delivery_outbox o WHERE o.packet_id = p.packet_id)
       ORDER BY updated_at LIMIT $2`,
      [cutoff, this.options.batchSize],
    );
    if (res.rows.length > 0) {
      await this.queue.add(res.rows.map((r) => ({ packetId: r.packet_id })));
      logger.info('stale packets re-queued', { count: res.rows.length });
    }
    return res.rows.length;
  }

  /** Queues fallback-sent packets for the national system: all when it is healthy, one probe when it may be. */
  async reconcile(): Promise<number> {
    if (!this.breakers.has(NATIONAL) || !this.breakers.has(EDOC) || this.breakers.isOpen(NATIONAL)) return 0;
    const limit = this.breakers.isHealthy(NATIONAL) ? this.options.batchSize : 1;
    const res = await this.db.query<{ packet_id: string }>(
      `SELECT packet_id FROM delivery_packets WHERE state = 'sent_via_fallback' ORDER BY fallback_at, packet_id LIMIT $1`,
      [limit],
    );
    if (res.rows.length > 0) await this.queue.add(res.rows.map((r) => ({ packetId: r.packet_id })));
    return res.rows.length;
  }

  /**
   * Asks the remote system about delivered (or reconciled) packets it has not acknowledged yet:
   * the national system for national packets, the e-document system for archive copies. A
   * refusal found this way dead-letters the packet (rejected).
   */
  async pollStatus(): Promise<number> {
    let acknowledged = 0;
    for (const [route, key] of [
      ['national', NATIONAL],
      ['archive', ARCHIVE],
    ] as const) {
      const channel = this.breakers.channel(key);
      if (!channel?.status || this.breakers.isOpen(key)) continue;
      const res = await this.db.query<Parameters<typeof toPacketRecord>[0]>(
        `SELECT * FROM delivery_packets WHERE route = $1 AND remote_id IS NOT NULL AND acknowledged_at IS NULL
           AND state IN ('delivered', 'reconciled') ORDER BY updated_at LIMIT $2`,
        [route, Math.min(this.options.batchSize, 200)],
      );
      for (const row of res.rows) {
        const p = toPacketRecord(row);
        try {
          const receipt = await channel.status(p.remoteId!);
          if (route === 'national' && this.onAnswer && receipt.acknowledged) {
            const answer = answerOf(p, 'accepted', receipt.raw);
            if ((await this.onAnswer(answer)).changed) acknowledged++;
          } else if (receipt.acknowledged && (await this.markAcknowledged(p))) {
            acknowledged++;
            if (route === 'national') await this.onAcknowledged(p, receipt);
          }
        } catch (err) {
          const answered = route === 'national' && err instanceof ChannelError ? ANSWERED[err.code] : undefined;
          if (answered && this.onAnswer && err instanceof ChannelError) {
            const details = err.details as { reason?: string; proof?: unknown } | undefined;
            await this.onAnswer(answerOf(p, answered, details?.proof, details?.reason)).catch((e: Error) =>
              logger.warn('national answer seen by polling not applied', { packetId: p.packetId, error: e.message }),
            );
          } else if (err instanceof ChannelError && !err.retryable) await this.markRejected(p, err);
          else logger.warn('status poll failed', { packetId: p.packetId, error: (err as Error).message });
        }
      }
    }
    return acknowledged;
  }

  private async markAcknowledged(p: PacketRecord): Promise<boolean> {
    const upd = await this.db.query(
      `UPDATE delivery_packets SET state = CASE WHEN state = 'delivered' THEN 'acknowledged' ELSE state END,
         acknowledged_at = $2::timestamptz, updated_at = $2::timestamptz
       WHERE packet_id = $1 AND state IN ('delivered', 'reconciled') AND acknowledged_at IS NULL`,
      [p.packetId, this.now().toISOString()],
    );
    return upd.rowCount > 0;
  }

  private async markRejected(p: PacketRecord, err: ChannelError): Promise<void> {
    const upd = await this.db.query(
      `UPDATE delivery_packets SET state = 'rejected', last_error_code = $2, last_error_message = $3, updated_at = $4::timestamptz
       WHERE packet_id = $1 AND state = 'delivered'`,
      [p.packetId, err.code, err.message, this.now().toISOString()],
    );
    logger.warn('packet refused after delivery', { packetId: p.packetId, code: err.code });
    if (upd.rowCount > 0 && p.route === 'national') {
      await this.onRejected(p, err).catch((e: Error) =>
        logger.warn('refusal not recorded on the submission', { packetId: p.packetId, error: e.message }),
      );
    }
  }
}
