import type { Config } from '../config.js';
import { DEFAULT_BREAKER_OPTIONS, type BreakerOptions } from './breakers.js';
import { fallbackPolicyFromEnv, flagFromEnv, type FallbackPolicy } from './fallback-policy.js';
import { DEFAULT_RECONCILER_OPTIONS } from './reconciler.js';
import { DEFAULT_RELAY_OPTIONS, type RelayOptions } from './relay.js';
import { numberFromEnv, retryPolicyFromEnv, type RetryPolicy } from './retry-policy.js';

/** Delivery settings, read and validated once at start (docs/delivery.md lists them). */
export interface DeliveryConfig {
  redisUrl?: string;
  queuePrefix: string;
  /** Run the worker, relay and reconciler in this instance (DELIVERY_WORKER=false for API-only instances). */
  runWorker: boolean;
  concurrency: number;
  lockDurationMs: number;
  retry: RetryPolicy;
  fallback: FallbackPolicy;
  breaker: BreakerOptions;
  relay: RelayOptions;
  reconcileIntervalMs: number;
  staleMs: number;
  sealIntervalMs: number;
  /** Period of the packet-counter fold (COUNT_FOLD_MS). */
  countFoldMs: number;
  /** Tell the national system its acceptance was recorded (report-status DA_TIEP_NHAN; NATIONAL_ACCEPTANCE_ACK). */
  acceptanceAck: boolean;
}

export function deliveryConfigFrom(config: Config): DeliveryConfig {
  const env = config.env;
  const int = (name: string, fallback: number, min = 0) => Math.floor(numberFromEnv(env, name, fallback, min));
  return {
    redisUrl: config.redisUrl,
    queuePrefix: env.QUEUE_PREFIX || 'lienthong',
    runWorker: flagFromEnv(env, 'DELIVERY_WORKER', true),
    concurrency: int('DELIVERY_CONCURRENCY', 64, 1),
    lockDurationMs: int('DELIVERY_LOCK_MS', 30_000, 1000),
    retry: retryPolicyFromEnv(env),
    fallback: fallbackPolicyFromEnv(env),
    breaker: {
      timeoutMs: int('CHANNEL_TIMEOUT_MS', DEFAULT_BREAKER_OPTIONS.timeoutMs, 1),
      errorThresholdPercentage: int('BREAKER_ERROR_PERCENT', DEFAULT_BREAKER_OPTIONS.errorThresholdPercentage, 1),
      volumeThreshold: int('BREAKER_VOLUME', DEFAULT_BREAKER_OPTIONS.volumeThreshold, 1),
      resetTimeoutMs: int('BREAKER_RESET_MS', DEFAULT_BREAKER_OPTIONS.resetTimeoutMs, 1),
    },
    relay: {
      batchSize: int('RELAY_BATCH', DEFAULT_RELAY_OPTIONS.batchSize, 1),
      pollMs: int('RELAY_POLL_MS', DEFAULT_RELAY_OPTIONS.pollMs, 1),
      claimMs: DEFAULT_RELAY_OPTIONS.claimMs,
    },
    reconcileIntervalMs: int('RECONCILE_INTERVAL_MS', 60_000, 100),
    staleMs: int('DELIVERY_STALE_MS', DEFAULT_RECONCILER_OPTIONS.staleMs, 1000),
    sealIntervalMs: int('MESSAGE_LOG_SEAL_MS', 500, 10),
    countFoldMs: int('COUNT_FOLD_MS', 5000, 100),
    acceptanceAck: flagFromEnv(env, 'NATIONAL_ACCEPTANCE_ACK', true),
  };
}
