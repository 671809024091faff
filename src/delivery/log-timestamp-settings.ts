import type { ExchangeServices } from '../exchange/services.js';
import type { GatewayContext } from '../gateway/module.js';
import type { SimulatorsServices } from '../sim/simulator.js';
import { createTsaClient, type TimeStampAuthority } from '../exchange/timestamp/tsa-client.js';
import { ValidationError } from '../shared/errors.js';

export interface TimestampSettings {
  /** MESSAGE_LOG_TIMESTAMP_MS (default 60000): how often the chain head is time-stamped. */
  intervalMs: number;
  /** MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS: stop accepting packets when stamping failed longer; unset = never. */
  failClosedMs: number | undefined;
  /** The TSA (TSA_URL, else the in-process TSA simulator); undefined = no time-stamping. */
  tsa: () => TimeStampAuthority | undefined;
}

function positive(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new ValidationError('CONFIG_INVALID', `${name} must be a positive integer (ms), got "${raw}"`, { variable: name });
  return n;
}

export function timestampSettings(ctx: GatewayContext<{ simulators: SimulatorsServices; exchange: ExchangeServices }>): TimestampSettings {
  const env = ctx.config.env;
  const intervalMs = positive(env, 'MESSAGE_LOG_TIMESTAMP_MS') ?? 60_000;
  const failClosedMs = positive(env, 'MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS');
  return {
    intervalMs,
    failClosedMs,
    tsa: () => {
      const url = env.TSA_URL || ctx.services.simulators.tsa?.url;
      const trust = ctx.services.exchange.trust;
      if (!url || !trust || env.MESSAGE_LOG_TIMESTAMP === 'false') return undefined;
      return createTsaClient({ url, trust, timeoutMs: Number(env.TSA_TIMEOUT_MS ?? 10_000) });
    },
  };
}
