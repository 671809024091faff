import type { SqlExecutor } from '../store/database.js';
import type { OutboundPacket } from './channel.js';
import { assertTimestamping } from './log-timestamps.js';
import { writeSubjectPackets } from './outbox.js';

/**
 * `outbound.send` alone: what an area that only queues packets (catalog feed, ministry push
 * connectors) requires. Every packet another area hands to delivery takes this one path.
 */
export interface OutboundSender {
  /** Queues packets in the outbox inside the caller's transaction; returns the ids queued now (a packet already queued is skipped). */
  send(tx: SqlExecutor, packets: OutboundPacket[]): Promise<string[]>;
}

export interface OutboundSenderOptions {
  /** MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS: refuse new packets once time-stamping failed longer; undefined = never. */
  failClosedMs: number | undefined;
  now: () => Date;
}

/**
 * The checks every queued packet passes, then the outbox write, in the caller's transaction:
 * with the message log's time-stamping failing past its limit nothing is queued (503
 * MESSAGE_LOG_TIMESTAMP_FAILING) and the caller's transaction rolls back.
 */
export function createOutboundSender(options: OutboundSenderOptions): OutboundSender {
  return {
    async send(tx, packets) {
      await assertTimestamping(tx, options.failClosedMs, options.now());
      return writeSubjectPackets(tx, packets, options.now());
    },
  };
}
