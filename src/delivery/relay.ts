import type { Database } from '../store/database.js';
import { logger } from '../shared/logger.js';
import type { DeliveryQueue } from './queue/queue.js';

export interface RelayOptions {
  batchSize: number;
  pollMs: number;
  /** How long a claim lasts; a relay that crashed after claiming leaves rows to the next one. */
  claimMs: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = { batchSize: 500, pollMs: 100, claimMs: 30_000 };

/**
 * Moves outbox rows to the queue. Claims a batch with FOR UPDATE SKIP LOCKED (several gateway
 * instances share one Postgres), enqueues it in one BullMQ addBulk (job id = packet id, so enqueueing twice
 * after a crash between enqueue and delete is harmless), then deletes the relayed rows.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly queue: DeliveryQueue,
    private readonly now: () => Date,
    private readonly options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ) {}

  /** Relays one batch; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    const now = this.now();
    // The claim is one statement (row locks taken and released within it): no transaction round
    // trips. RETURNING keeps no order, so the batch is put back in outbox order for the queue.
    const res = await this.db.query<{ id: number; packet_id: string }>(
      `UPDATE delivery_outbox SET claimed_until = $3::timestamptz
       WHERE id IN (SELECT id FROM delivery_outbox WHERE claimed_until IS NULL OR claimed_until < $1::timestamptz
                    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, packet_id`,
      [now.toISOString(), this.options.batchSize, new Date(now.getTime() + this.options.claimMs).toISOString()],
      { prepare: 'delivery_relay_claim' },
    );
    if (res.rows.length === 0) return 0;
    const claimed = res.rows.sort((a, b) => a.id - b.id);
    await this.queue.add(claimed.map((r) => ({ packetId: r.packet_id })));
    await this.db.query(
      'DELETE FROM delivery_outbox WHERE id IN (SELECT (json_array_elements_text($1::json))::bigint)',
      [JSON.stringify(claimed.map((r) => r.id))],
      { prepare: 'delivery_relay_delete' },
    );
    return claimed.length;
  }

  /** Relays until the outbox is empty (tests, CLI). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.relayOnce(); n > 0; n = await this.relayOnce()) total += n;
    return total;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    let moved = 0;
    try {
      moved = await this.relayOnce();
    } catch (err) {
      logger.warn('outbox relay failed; retrying', { error: (err as Error).message });
    }
    // A full batch means more is waiting: go on at once.
    this.schedule(moved >= this.options.batchSize ? 0 : this.options.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
