import type { GatewayModule, NoServices } from '../gateway/module.js';
import { createOutboundSender, type OutboundSender } from './outbound-sender.js';

/**
 * `outbound.send` without the delivery engine, for module lists that only queue packets (the
 * CLI's ministry commands, tests): the same checks and outbox write as the gateway's delivery
 * module; the running gateway's engine sends what they queue.
 */
export const outboxSenderModule: GatewayModule<NoServices, { outbound: OutboundSender }> = {
  name: 'outbox-sender',
  requires: {},
  provides: { outbound: true },
  async init(ctx) {
    const outbound = createOutboundSender({ failClosedMs: ctx.config.settings.MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS, now: ctx.now });
    return { services: { outbound } };
  },
};
