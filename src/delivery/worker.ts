import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';
import { currentCorrelationId, logger, withCorrelationId } from '../shared/logger.js';
import { Batcher } from './batcher.js';
import type { ChannelBreakers } from './breakers.js';
import { ChannelError, isThrottled, type DeliveryReceipt, type OutboundPacket } from './channel.js';
import { fallbackReason, type FallbackPolicy } from './fallback-policy.js';
import { deliveryAttempts, deliveryFailures, deliveryLatency, deliveryTransitions } from './metrics.js';
import { finishPackets, type AttemptRecord, type MessageRecord, type PacketOutcome } from './packet-outcomes.js';
import { beginPackets, type PacketRecord } from './packet-store.js';
import type { DeliveryJob, JobOutcome } from './queue/queue.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';
import { assertMove, DEAD_LETTER_STATES, FINAL_STATES } from './state-machine.js';
import type { PacketState } from './services.js';

export const NATIONAL = 'national';
export const EDOC = 'edoc';
/** The archive copy goes to the e-document system through its own channel (its own Subject). */
export const ARCHIVE = 'archive';
/** Pushes of the ministry connectors: no fallback, no national acknowledgement. */
export const MINISTRY = 'ministry';

/**
 * What the message log and the packet keep of a receipt: the channel's proof (exact bytes and
 * signature) when it has one, else the receipt's fields.
 */
export function proofOf(receipt: DeliveryReceipt): string {
  const raw = receipt.raw as { body?: unknown } | undefined;
  if (raw && typeof raw === 'object' && typeof raw.body === 'string') return JSON.stringify(raw);
  return JSON.stringify({
    remoteId: receipt.remoteId,
    status: receipt.status,
    acknowledged: receipt.acknowledged,
    ...(raw !== undefined ? { raw } : {}),
  });
}

/** Name ops see for a channel key: the archive copy is an e-document delivery. */
export function channelLabel(key: string): string {
  return key === ARCHIVE ? EDOC : key;
}

export interface WorkerDeps {
  db: Database;
  breakers: ChannelBreakers;
  retry: RetryPolicy;
  fallback: FallbackPolicy;
  now: () => Date;
  random?: () => number;
  /** The national system acknowledged the packet (submissions.markAcceptedByReceiver). */
  onAcknowledged?: (packet: PacketRecord, receipt: DeliveryReceipt) => Promise<void>;
  /** The national system refused the packet for good (submissions.recordNationalOutcome refused). */
  onRejected?: (packet: PacketRecord, error: ChannelError) => Promise<void>;
}

interface Call {
  attempt: AttemptRecord;
  messages: MessageRecord[];
  receipt?: DeliveryReceipt;
  error?: ChannelError;
}

/**
 * Runs one job: loads the packet (batched), refuses to resend what has arrived, sends through
 * the channel's breaker, applies the retry and fallback policies, and persists the outcome
 * with the attempt and message-log entries (batched, before the job completes).
 */
export class DeliveryWorker {
  private readonly begin: Batcher<string, PacketRecord | undefined>;
  private readonly finish: Batcher<PacketOutcome, boolean>;

  constructor(private readonly deps: WorkerDeps) {
    this.begin = new Batcher(async (ids) => {
      const found = await beginPackets(deps.db, ids, deps.now());
      return ids.map((id) => found.get(id));
    });
    this.finish = new Batcher(async (outcomes) => {
      const applied = await finishPackets(deps.db, outcomes, deps.now());
      return outcomes.map((o) => applied.has(o.packetId));
    });
  }

  handle = async (job: DeliveryJob): Promise<JobOutcome | void> => {
    const packet = await this.begin.submit(job.packetId);
    if (!packet) {
      logger.warn('delivery job for an unknown packet', { packetId: job.packetId });
      return;
    }
    // Idempotency: whatever reran the job, an arrived or dead-lettered packet is not sent again.
    if (FINAL_STATES.includes(packet.state) || DEAD_LETTER_STATES.includes(packet.state) || packet.state === 'delivered') return;
    // Attempts log under the dispatching request's correlation id (a fresh one for old rows).
    return withCorrelationId(packet.correlationId ?? randomUUID(), () =>
      packet.state === 'sent_via_fallback' ? this.reconcile(packet) : this.send(packet),
    );
  };

  private async send(p: PacketRecord): Promise<JobOutcome | void> {
    const route = p.route === 'archive' ? ARCHIVE : p.route === 'ministry' ? MINISTRY : NATIONAL;
    if (route === NATIONAL && this.fallbackDue(p)) return this.sendFallback(p, []);
    if (this.deps.breakers.isOpen(route)) return this.defer(p);
    const throttled = this.deps.breakers.throttledUntil(route);
    if (throttled) return this.defer(p, throttled.getTime() - this.deps.now().getTime(), 'CHANNEL_THROTTLED');
    const call = await this.call(route, p, p.attempts + 1);
    if (call.receipt) {
      const state: PacketState = call.receipt.acknowledged ? 'acknowledged' : 'delivered';
      await this.persist(p, state, route, [call], { remoteId: call.receipt.remoteId, receipt: proofOf(call.receipt) });
      if (state === 'acknowledged' && route === NATIONAL) await this.acknowledged(p, call.receipt);
      return;
    }
    const error = call.error!;
    if (error.code === 'CIRCUIT_OPEN') return this.defer(p);
    if (isThrottled(error)) return this.throttled(p, route, call, error);
    if (route === NATIONAL && error.retryable && this.fallbackDue(p)) return this.sendFallback(p, [call]);
    return this.failed(p, route, [call], error);
  }

  /** Sends through the e-document channel; `before` holds the failed national call of this job, if any. */
  private async sendFallback(p: PacketRecord, before: Call[]): Promise<JobOutcome | void> {
    const call = await this.call(EDOC, p, p.attempts + before.length + 1);
    if (call.receipt) {
      await this.persist(p, 'sent_via_fallback', EDOC, [...before, call], { fallbackRemoteId: call.receipt.remoteId });
      deliveryTransitions.inc({ state: 'sent_via_fallback' });
      return;
    }
    // The fallback refusing a packet does not make the national route hopeless: keep the retry budget.
    const error = new ChannelError(call.error!.code, call.error!.message, true);
    return this.failed(p, EDOC, [...before, call], error);
  }

  /** A packet already sent via fallback goes to the national system once, with the same idempotency key. */
  private async reconcile(p: PacketRecord): Promise<JobOutcome | void> {
    if (this.deps.breakers.isOpen(NATIONAL)) return;
    const call = await this.call(NATIONAL, p, p.attempts + 1);
    if (call.receipt) {
      await this.persist(p, 'reconciled', NATIONAL, [call], {
        remoteId: call.receipt.remoteId,
        acknowledged: call.receipt.acknowledged,
        receipt: proofOf(call.receipt),
      });
      deliveryTransitions.inc({ state: 'reconciled' });
      if (call.receipt.acknowledged) await this.acknowledged(p, call.receipt);
      return;
    }
    const error = call.error!;
    call.attempt.outcome = error.retryable ? 'retry' : 'failed';
    // Still down: the packet stays sent via fallback; the reconciler tries again later.
    const applied = await this.persist(
      p,
      error.retryable ? 'sent_via_fallback' : 'rejected',
      error.retryable ? p.channel : NATIONAL,
      [call],
      { error },
    );
    if (!error.retryable && applied) await this.rejected(p, error);
  }

  private async failed(p: PacketRecord, channel: string, calls: Call[], error: ChannelError): Promise<JobOutcome | void> {
    const decision = decideRetry(this.deps.retry, p.attempts - p.retryBase + calls.length, error.retryable, this.deps.random);
    const last = calls[calls.length - 1]!;
    last.attempt.outcome = decision.action === 'retry' ? 'retry' : 'failed';
    if (decision.action === 'retry') {
      // A remote's Retry-After (429) is a floor for the backoff.
      const hinted = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
      const delayMs = Math.max(decision.delayMs, typeof hinted === 'number' ? hinted : 0);
      await this.persist(p, 'queued', channel, calls, { error, nextAttemptAt: new Date(this.deps.now().getTime() + delayMs) });
      return { retryAfterMs: delayMs };
    }
    const state = decision.action === 'reject' ? 'rejected' : 'dead';
    const applied = await this.persist(p, state, channel, calls, { error });
    if (state === 'rejected' && channel === NATIONAL && applied) await this.rejected(p, error);
    deliveryTransitions.inc({ state });
    logger.warn('packet dead-lettered', { packetId: p.packetId, state, code: error.code });
  }

  /**
   * 429: the receiver is up and asks us to wait. Back off by Retry-After (at least the policy's
   * delay), keep the retry budget (a free attempt) and never fall back: throttling is not an outage.
   */
  private async throttled(p: PacketRecord, channel: string, call: Call, error: ChannelError): Promise<JobOutcome> {
    call.attempt.outcome = 'retry';
    const hinted = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    const delayMs = Math.max(typeof hinted === 'number' ? hinted : 0, this.deps.retry.baseDelayMs);
    await this.persist(p, 'queued', channel, [call], {
      error,
      nextAttemptAt: new Date(this.deps.now().getTime() + delayMs),
      freeAttempts: 1,
    });
    return { retryAfterMs: delayMs };
  }

  /** Circuit open (or the channel throttled): wait without spending an attempt. */
  private async defer(p: PacketRecord, waitMs?: number, code = 'CIRCUIT_OPEN'): Promise<JobOutcome> {
    const delayMs = Math.max(1, waitMs ?? this.deps.retry.circuitOpenDelayMs);
    const error = new ChannelError(
      code,
      code === 'CIRCUIT_OPEN' ? 'The channel circuit is open' : 'The receiver asked to wait (Retry-After)',
      true,
    );
    await this.persist(p, 'queued', p.channel, [], { error, nextAttemptAt: new Date(this.deps.now().getTime() + delayMs) });
    return { retryAfterMs: delayMs };
  }

  private fallbackDue(p: PacketRecord): boolean {
    if (!this.deps.breakers.has(EDOC)) return false;
    return fallbackReason(this.deps.fallback, this.deps.now(), this.deps.breakers.failingSince(NATIONAL), p.deadline) !== null;
  }

  private async call(channel: string, p: PacketRecord, attempt: number): Promise<Call> {
    const packet: OutboundPacket = {
      packetId: p.packetId,
      idempotencyKey: p.idempotencyKey,
      packetType: p.packetType,
      ...(p.submissionId ? { submissionId: p.submissionId } : {}),
      subject: { kind: p.subjectKind, id: p.subjectId, version: p.subjectVersion },
      body: p.body,
      signature: p.signature,
      title: p.title,
      deadline: p.deadline ?? undefined,
    };
    const started = performance.now();
    const messages: MessageRecord[] = [{ direction: 'out', channel: channelLabel(channel), payload: p.body, payloadIsBody: true }];
    const label = channelLabel(channel);
    const base = { attempt, channel: label, correlationId: currentCorrelationId() ?? null, durationMs: 0 };
    try {
      const receipt = await this.deps.breakers.deliver(channel, packet);
      const durationMs = Math.round(performance.now() - started);
      // The receipt whole (exact bytes + the receiver's signature) is the proof of delivery.
      messages.push({ direction: 'in', channel: label, payload: proofOf(receipt) });
      deliveryLatency.observe({ channel: label, outcome: 'ok' }, durationMs / 1000);
      deliveryAttempts.inc({ channel: label, outcome: 'ok' });
      return { attempt: { ...base, durationMs, outcome: 'ok', errorCode: null, errorMessage: null }, messages, receipt };
    } catch (err) {
      const error = err as ChannelError;
      const durationMs = Math.round(performance.now() - started);
      if (error.code === 'CIRCUIT_OPEN')
        return { attempt: { ...base, outcome: 'retry', errorCode: error.code, errorMessage: error.message }, messages: [], error };
      messages.push({
        direction: 'in',
        channel: label,
        payload: JSON.stringify({ error: error.code, message: error.message, details: error.details ?? null }),
      });
      deliveryLatency.observe({ channel: label, outcome: 'error' }, durationMs / 1000);
      deliveryAttempts.inc({ channel: label, outcome: error.retryable ? 'retry' : 'failed' });
      deliveryFailures.inc({ channel: label, code: error.code });
      return {
        attempt: { ...base, durationMs, outcome: error.retryable ? 'retry' : 'failed', errorCode: error.code, errorMessage: error.message },
        messages,
        error,
      };
    }
  }

  private async persist(
    p: PacketRecord,
    state: PacketState,
    channel: string,
    calls: Call[],
    extra: {
      remoteId?: string;
      fallbackRemoteId?: string;
      error?: ChannelError;
      nextAttemptAt?: Date;
      acknowledged?: boolean;
      receipt?: string;
      freeAttempts?: number;
    },
  ): Promise<boolean> {
    if (state !== p.state) assertMove(p.packetId, p.state, state);
    const outcome: PacketOutcome = {
      packetId: p.packetId,
      expectedState: p.state,
      state,
      channel: channelLabel(channel),
      lastErrorCode: extra.error?.code ?? null,
      lastErrorMessage: extra.error?.message ?? null,
      remoteId: extra.remoteId,
      fallbackRemoteId: extra.fallbackRemoteId,
      nextAttemptAt: extra.nextAttemptAt ?? null,
      acknowledged: extra.acknowledged,
      ...(extra.receipt ? { receipt: extra.receipt } : {}),
      ...(extra.freeAttempts ? { freeAttempts: extra.freeAttempts } : {}),
      attempts: calls.map((c) => c.attempt),
      messages: calls.flatMap((c) => c.messages),
    };
    if (state === 'acknowledged') deliveryTransitions.inc({ state });
    return this.finish.submit(outcome);
  }

  /** The refusal reaches the report: it is the national system's answer, not only a packet state. */
  private async rejected(p: PacketRecord, error: ChannelError): Promise<void> {
    try {
      await this.deps.onRejected?.(p, error);
    } catch (err) {
      logger.warn('refusal not recorded on the submission', { packetId: p.packetId, error: (err as Error).message });
    }
  }

  private async acknowledged(p: PacketRecord, receipt: DeliveryReceipt): Promise<void> {
    try {
      await this.deps.onAcknowledged?.(p, receipt);
    } catch (err) {
      logger.warn('acknowledgement not recorded on the submission', { packetId: p.packetId, error: (err as Error).message });
    }
  }
}
