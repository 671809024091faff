import type { Database } from '../store/database.js';
import { logger } from '../shared/logger.js';
import { ChannelBreakers, DEFAULT_BREAKER_OPTIONS, type BreakerOptions } from './breakers.js';
import type { Channel, ChannelError, DeliveryReceipt } from './channel.js';
import { createDeliveryServices } from './delivery-services.js';
import { DEFAULT_FALLBACK_POLICY, type FallbackPolicy } from './fallback-policy.js';
import { sealAll } from './message-log.js';
import { gaugeSources } from './metrics.js';
import type { AnswerResult, NationalAnswer } from './national-answers.js';
import type { PacketRecord } from './packet-store.js';
import type { DeliveryQueue } from './queue/queue.js';
import { DEFAULT_RECONCILER_OPTIONS, Reconciler } from './reconciler.js';
import { DEFAULT_RELAY_OPTIONS, OutboxRelay, type RelayOptions } from './relay.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { DeliveryServices } from './services.js';
import { DeliveryWorker } from './worker.js';

export interface DeliveryEngineOptions {
  db: Database;
  queue: DeliveryQueue;
  /** national (primary), edoc (fallback), archive (records copy to the e-document system), ministry (connector pushes). */
  channels: Partial<Record<'national' | 'edoc' | 'archive' | 'ministry', Channel>>;
  now?: () => Date;
  random?: () => number;
  retry?: RetryPolicy;
  fallback?: FallbackPolicy;
  breaker?: BreakerOptions;
  relay?: RelayOptions;
  concurrency?: number;
  /** false: this instance only writes the outbox and answers queries. */
  runWorker?: boolean;
  reconcileIntervalMs?: number;
  /**
   * false: no reconcile loop in this process; the gateway runs `reconciler.runOnce()` as the
   * scheduler job `delivery:reconcile`, once per slot across every instance.
   */
  reconcileLoop?: boolean;
  staleMs?: number;
  sealIntervalMs?: number;
  /** The national system acknowledged a packet (wired to submissions.markAcceptedByReceiver). */
  onAcknowledged?: (packet: PacketRecord, receipt: DeliveryReceipt) => Promise<void>;
  /** The national system refused a packet for good (wired to submissions.recordNationalOutcome). */
  onRejected?: (packet: PacketRecord, error: ChannelError) => Promise<void>;
  /** An answer seen by polling the national status endpoint: the signed callback's path (applyNationalAnswer). */
  onAnswer?: (answer: NationalAnswer) => Promise<AnswerResult>;
}

/** A loop that never overlaps itself. */
function every(ms: number, fn: () => Promise<unknown>): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    running = fn()
      .catch((err: Error) => logger.warn('delivery background task failed', { error: err.message }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, ms);
      });
  };
  timer = setTimeout(tick, ms);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The delivery engine assembled: outbox relay → queue → worker → channels, plus reconciler and message-log sealer. */
export class DeliveryEngine {
  readonly breakers: ChannelBreakers;
  readonly worker: DeliveryWorker;
  readonly relay: OutboxRelay;
  readonly reconciler: Reconciler;
  readonly services: DeliveryServices;
  private loops: { stop(): Promise<void> }[] = [];
  private started = false;

  constructor(private readonly options: DeliveryEngineOptions) {
    const now = options.now ?? (() => new Date());
    this.breakers = new ChannelBreakers(options.db, now, options.breaker ?? DEFAULT_BREAKER_OPTIONS);
    for (const [name, c] of Object.entries(options.channels)) if (c) this.breakers.register(name, c);
    const onAcknowledged = options.onAcknowledged ?? (async () => undefined);
    this.worker = new DeliveryWorker({
      db: options.db,
      breakers: this.breakers,
      now,
      random: options.random,
      onAcknowledged,
      onRejected: options.onRejected,
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      fallback: options.fallback ?? DEFAULT_FALLBACK_POLICY,
    });
    this.relay = new OutboxRelay(options.db, options.queue, now, options.relay ?? DEFAULT_RELAY_OPTIONS);
    this.reconciler = new Reconciler(
      options.db,
      options.queue,
      this.breakers,
      now,
      onAcknowledged,
      {
        ...DEFAULT_RECONCILER_OPTIONS,
        staleMs: options.staleMs ?? DEFAULT_RECONCILER_OPTIONS.staleMs,
      },
      options.onRejected,
      options.onAnswer,
    );
    this.services = createDeliveryServices(options.db, options.queue, this.breakers, now);
    // When the national circuit closes again, reconcile at once rather than at the next tick.
    this.breakers.onClose(() => void this.reconciler.reconcile().catch(() => undefined));
  }

  get queue(): DeliveryQueue {
    return this.options.queue;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.breakers.load();
    gaugeSources.queueDepth = async () => {
      const c = await this.options.queue.counts();
      return c.waiting + c.active + c.delayed;
    };
    gaugeSources.circuits = () =>
      this.breakers.views().map((c) => ({ channel: c.channel, value: { closed: 0, half_open: 1, open: 2 }[c.state] }));
    this.loops.push(every(this.options.sealIntervalMs ?? 500, () => sealAll(this.options.db)));
    if (this.options.runWorker === false) return;
    this.options.queue.process(this.worker.handle, { concurrency: this.options.concurrency ?? 64 });
    this.relay.start();
    // After a restart, packets whose jobs a lost queue forgot are due now.
    await this.reconciler.sweep(0).catch((err: Error) => logger.warn('start-up sweep failed', { error: err.message }));
    const period = this.options.reconcileIntervalMs ?? 60_000;
    if (this.options.reconcileLoop !== false) this.loops.push(every(period, () => this.reconciler.runOnce()));
    // Each instance still adopts the outage start the others saved (its own breakers' view).
    else this.loops.push(every(period, () => this.breakers.load()));
  }

  /** Graceful: stop relaying, let active jobs finish, seal what they logged. */
  async stop(): Promise<void> {
    if (!this.started) {
      await this.options.queue.close();
      return;
    }
    this.started = false;
    await this.relay.stop();
    await Promise.all(this.loops.map((l) => l.stop()));
    this.loops = [];
    await this.options.queue.close();
    await sealAll(this.options.db).catch((err: Error) => logger.warn('final message-log seal failed', { error: err.message }));
    this.breakers.shutdown();
  }
}
