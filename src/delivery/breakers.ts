import CircuitBreaker from 'opossum';
import type { Database } from '../store/database.js';
import { logger } from '../shared/logger.js';
import { ChannelError, isThrottled, type Channel, type DeliveryReceipt, type OutboundPacket } from './channel.js';
import type { CircuitView } from './services.js';

export interface BreakerOptions {
  /** Per-call timeout. */
  timeoutMs: number;
  errorThresholdPercentage: number;
  /** Calls in the rolling window before the breaker may open. */
  volumeThreshold: number;
  resetTimeoutMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  timeoutMs: 30_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
};

interface Entry {
  name: string;
  channel: Channel;
  breaker: CircuitBreaker<[OutboundPacket], DeliveryReceipt>;
  failingSince: Date | null;
  /** The receiver asked us (429 Retry-After) to send nothing before this instant. */
  throttledUntil: Date | null;
}

/** One opossum breaker per channel, plus when the channel started failing (persisted for the fallback threshold). */
export class ChannelBreakers {
  private readonly entries = new Map<string, Entry>();
  private readonly closeListeners: ((channel: string) => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS,
  ) {}

  /** `name` is the engine's key (national, edoc, archive); several keys may share one remote system. */
  register(name: string, channel: Channel): void {
    const breaker = new CircuitBreaker((p: OutboundPacket) => channel.deliver(p), {
      timeout: this.options.timeoutMs,
      errorThresholdPercentage: this.options.errorThresholdPercentage,
      volumeThreshold: this.options.volumeThreshold,
      resetTimeout: this.options.resetTimeoutMs,
      // A packet the remote refuses says nothing about the channel's health; nor does throttling (429).
      errorFilter: (err: unknown) => err instanceof ChannelError && (!err.retryable || isThrottled(err)),
    });
    breaker.on('open', () => logger.warn('circuit opened', { channel: name }));
    breaker.on('close', () => {
      logger.info('circuit closed', { channel: name });
      for (const l of this.closeListeners) l(name);
    });
    this.entries.set(name, { name, channel, breaker, failingSince: null, throttledUntil: null });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  onClose(listener: (channel: string) => void): void {
    this.closeListeners.push(listener);
  }

  /**
   * Adopts the outage start saved by this or another instance (gateway instances share the
   * database): the earliest known failure counts towards the fallback threshold. A channel this
   * instance saw failing stays failing until its own next success.
   */
  async load(): Promise<void> {
    const res = await this.db.query<{ channel: string; failing_since: Date | null }>(
      'SELECT channel, failing_since FROM delivery_channel_health',
    );
    for (const r of res.rows) {
      const e = this.entries.get(r.channel);
      if (!e || !r.failing_since) continue;
      const saved = new Date(r.failing_since);
      if (!e.failingSince || saved < e.failingSince) e.failingSince = saved;
    }
  }

  isOpen(name: string): boolean {
    return this.entries.get(name)?.breaker.opened ?? false;
  }

  /** Until when the receiver asked us to wait (429 Retry-After), if that is still ahead. */
  throttledUntil(name: string): Date | null {
    const until = this.entries.get(name)?.throttledUntil ?? null;
    return until && until > this.now() ? until : null;
  }

  failingSince(name: string): Date | null {
    return this.entries.get(name)?.failingSince ?? null;
  }

  /** Healthy: closed circuit and no failure since the last success. */
  isHealthy(name: string): boolean {
    const e = this.entries.get(name);
    return !!e && e.breaker.closed && e.failingSince === null;
  }

  /** Sends through the channel's breaker; every failure comes back as a ChannelError. */
  async deliver(name: string, packet: OutboundPacket): Promise<DeliveryReceipt> {
    const e = this.entry(name);
    try {
      const receipt = await e.breaker.fire(packet);
      if (e.failingSince) await this.setFailing(e, null);
      return receipt;
    } catch (err) {
      const error = asChannelError(err);
      if (isThrottled(error)) {
        // Up but busy: the whole channel waits Retry-After; the outage clock does not start.
        const ms = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
        const until = new Date(this.now().getTime() + (typeof ms === 'number' ? ms : 1000));
        if (!e.throttledUntil || until > e.throttledUntil) e.throttledUntil = until;
        throw error;
      }
      if (error.retryable && !e.failingSince && error.code !== 'CIRCUIT_OPEN') await this.setFailing(e, this.now());
      throw error;
    }
  }

  private async setFailing(e: Entry, since: Date | null): Promise<void> {
    e.failingSince = since;
    await this.db
      .query(
        `INSERT INTO delivery_channel_health (channel, failing_since, updated_at) VALUES ($1, $2::timestamptz, $3::timestamptz)
       ON CONFLICT (channel) DO UPDATE SET failing_since = EXCLUDED.failing_since, updated_at = EXCLUDED.updated_at`,
        [e.name, since?.toISOString() ?? null, this.now().toISOString()],
      )
      .catch((err: Error) => logger.warn('channel health not saved', { channel: e.name, error: err.message }));
  }

  views(): CircuitView[] {
    return [...this.entries.values()].map((e) => ({
      channel: e.name,
      state: e.breaker.opened ? 'open' : e.breaker.halfOpen ? 'half_open' : 'closed',
      failingSince: e.failingSince?.toISOString() ?? null,
    }));
  }

  channel(name: string): Channel | undefined {
    return this.entries.get(name)?.channel;
  }

  shutdown(): void {
    for (const e of this.entries.values()) e.breaker.shutdown();
  }

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new ChannelError('CHANNEL_NOT_CONFIGURED', `Channel ${name} is not configured`, true, { channel: name });
    return e;
  }
}

function asChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const code = (err as { code?: string } | null)?.code;
  const message = (err as Error | null)?.message ?? String(err);
  if (code === 'EOPENBREAKER') return new ChannelError('CIRCUIT_OPEN', 'The channel circuit is open', true);
  if (code === 'ETIMEDOUT') return new ChannelError('CHANNEL_TIMEOUT', message, true);
  return new ChannelError('CHANNEL_ERROR', message, true);
}
