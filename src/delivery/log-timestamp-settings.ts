import type { ExchangeServices } from '../exchange/services.js';
import type { GatewayContext } from '../gateway/module.js';
import type { TimeStampAuthority } from '../exchange/timestamp/tsa-client.js';

export interface TimestampSettings {
  /** MESSAGE_LOG_TIMESTAMP_MS (default 60000): how often the chain head is time-stamped. */
  intervalMs: number;
  /** MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS: stop accepting packets when stamping failed longer; unset = never. */
  failClosedMs: number | undefined;
  /** Exchange's TSA client (TSA_URL, else the in-process TSA simulator; built once); undefined = no time-stamping. */
  tsa: () => TimeStampAuthority | undefined;
}

export function timestampSettings(ctx: GatewayContext<{ exchange: ExchangeServices }>): TimestampSettings {
  const { settings } = ctx.config;
  const intervalMs = settings.MESSAGE_LOG_TIMESTAMP_MS;
  const failClosedMs = settings.MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS;
  return {
    intervalMs,
    failClosedMs,
    tsa: () => (settings.MESSAGE_LOG_TIMESTAMP ? ctx.services.exchange.timestampAuthority : undefined),
  };
}
