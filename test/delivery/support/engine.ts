import type { Channel } from '../../../src/delivery/channel.js';
import { DeliveryEngine, type DeliveryEngineOptions } from '../../../src/delivery/engine.js';
import { DEFAULT_FALLBACK_POLICY } from '../../../src/delivery/fallback-policy.js';
import { MemoryQueue } from '../../../src/delivery/queue/memory-queue.js';
import type { DeliveryQueue } from '../../../src/delivery/queue/queue.js';
import { DEFAULT_RETRY_POLICY } from '../../../src/delivery/retry-policy.js';
import type { Database } from '../../../src/store/database.js';

/** An engine with fast test timings: millisecond backoff, quick relay, no jitter. */
export function testEngine(
  db: Database,
  channels: Partial<Record<'national' | 'edoc' | 'archive', Channel>>,
  extra: Partial<DeliveryEngineOptions> & { queue?: DeliveryQueue } = {},
): DeliveryEngine {
  return new DeliveryEngine({
    db,
    queue: extra.queue ?? new MemoryQueue(),
    channels,
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4, jitter: 0, circuitOpenDelayMs: 20 },
    fallback: DEFAULT_FALLBACK_POLICY,
    breaker: { timeoutMs: 5_000, errorThresholdPercentage: 50, volumeThreshold: 1000, resetTimeoutMs: 50 },
    relay: { batchSize: 200, pollMs: 10, claimMs: 30_000 },
    concurrency: 16,
    reconcileIntervalMs: 50,
    sealIntervalMs: 20,
    ...extra,
  });
}
