import { ValidationError } from '../shared/errors.js';

/**
 * Retry policy as data: exponential backoff with jitter and a retry budget. Unrecoverable
 * errors (ChannelError.retryable === false: 4xx validation, signature refused) never retry.
 */
export interface RetryPolicy {
  /** Delay before the 2nd attempt. */
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Attempts (real channel calls) before the packet is dead. */
  maxAttempts: number;
  /** 0..1: share of the delay drawn at random, so a recovered channel is not hit by a thundering herd. */
  jitter: number;
  /** Wait while the channel's circuit is open; does not spend an attempt. */
  circuitOpenDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 2_000,
  factor: 2,
  maxDelayMs: 10 * 60_000,
  maxAttempts: 20,
  jitter: 0.2,
  circuitOpenDelayMs: 15_000,
};

export type RetryDecision = { action: 'retry'; delayMs: number } | { action: 'dead' } | { action: 'reject' };

/** Delay after failed attempt number `attempt` (1-based), jittered downwards by `random()`. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 - policy.jitter * random()));
}

/** What to do after attempt `attempt` of the current retry budget failed. */
export function decideRetry(policy: RetryPolicy, attempt: number, retryable: boolean, random?: () => number): RetryDecision {
  if (!retryable) return { action: 'reject' };
  if (attempt >= policy.maxAttempts) return { action: 'dead' };
  return { action: 'retry', delayMs: backoffDelay(policy, attempt, random) };
}

function num(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ValidationError('CONFIG_INVALID', `${name} must be a number between ${min} and ${max}, got "${raw}"`, { name });
  }
  return n;
}

/** RETRY_BASE_MS, RETRY_FACTOR, RETRY_MAX_DELAY_MS, RETRY_MAX_ATTEMPTS, RETRY_JITTER, RETRY_CIRCUIT_OPEN_MS. */
export function retryPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): RetryPolicy {
  const d = DEFAULT_RETRY_POLICY;
  return {
    baseDelayMs: num(env, 'RETRY_BASE_MS', d.baseDelayMs, 0),
    factor: num(env, 'RETRY_FACTOR', d.factor, 1, 10),
    maxDelayMs: num(env, 'RETRY_MAX_DELAY_MS', d.maxDelayMs, 0),
    maxAttempts: Math.floor(num(env, 'RETRY_MAX_ATTEMPTS', d.maxAttempts, 1, 1000)),
    jitter: num(env, 'RETRY_JITTER', d.jitter, 0, 1),
    circuitOpenDelayMs: num(env, 'RETRY_CIRCUIT_OPEN_MS', d.circuitOpenDelayMs, 0),
  };
}

export { num as numberFromEnv };
