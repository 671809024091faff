import { ChannelError, type Channel, type DeliveryReceipt, type OutboundPacket } from '../../../src/delivery/channel.js';

export type ChannelMode = 'ok' | 'down' | 'reject' | 'pending';

/**
 * An in-memory receiver that counts deliveries by idempotency key the way a real receiver
 * dedupes: `accepted` holds each key once, `calls` every request (replays included).
 */
export class CountingChannel implements Channel {
  mode: ChannelMode = 'ok';
  readonly calls: OutboundPacket[] = [];
  readonly accepted = new Map<string, { remoteId: string; packet: OutboundPacket }>();
  /** Fails this many next calls (retryable), then follows `mode`. */
  failNext = 0;
  /** Resolves the next `gate` calls only when released (to hold a delivery in flight). */
  gate: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly acknowledge = true,
  ) {}

  async deliver(packet: OutboundPacket): Promise<DeliveryReceipt> {
    this.calls.push(packet);
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      throw new ChannelError('TEST_DOWN', `${this.name} is down`, true);
    }
    if (this.mode === 'down') throw new ChannelError('TEST_DOWN', `${this.name} is down`, true);
    if (this.mode === 'reject') throw new ChannelError('TEST_SIGNATURE_REJECTED', 'signature refused', false);
    const seen = this.accepted.get(packet.idempotencyKey) ?? { remoteId: `${this.name}-${this.accepted.size + 1}`, packet };
    this.accepted.set(packet.idempotencyKey, seen);
    const acknowledged = this.acknowledge && this.mode !== 'pending';
    return { channel: this.name, remoteId: seen.remoteId, status: acknowledged ? 'accepted' : 'received', acknowledged };
  }

  async status(remoteId: string): Promise<DeliveryReceipt> {
    if (this.mode === 'reject') throw new ChannelError('TEST_REJECTED', 'refused after review', false);
    return {
      channel: this.name,
      remoteId,
      status: this.mode === 'pending' ? 'received' : 'accepted',
      acknowledged: this.mode !== 'pending',
    };
  }
}
