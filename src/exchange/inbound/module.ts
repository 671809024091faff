import type { OutboundServices } from '../../delivery/outbound.js';
import type { GatewayModule, NoServices } from '../../gateway/module.js';
import type { ExchangeServices } from '../services.js';
import { nationalCallbackRouter } from './callback-routes.js';

/**
 * The national system's signed callback (`POST /api/v1/exchange/national/callback`): mounted
 * after delivery, whose outbound service applies the answers about packets.
 */
export const nationalCallbackModule: GatewayModule<{ exchange: ExchangeServices; outbound: OutboundServices }, NoServices> = {
  name: 'national-callback',
  requires: { exchange: true, outbound: true },
  provides: {},
  async init(ctx) {
    const { exchange, outbound } = ctx.services;
    const deps = { db: ctx.db, now: ctx.now, outbound };
    return { routers: [{ path: '/api/v1', router: nationalCallbackRouter(deps, exchange.receiptTrust, exchange.mappings.national) }] };
  },
};
