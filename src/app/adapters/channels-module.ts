import { edocChannelsFromEnv } from '../../channels/edoc/config.js';
import { connectorOf, createMinistryChannel } from '../../channels/ministry/channel.js';
import { createNationalChannel } from '../../channels/national/channel.js';
import type { ChannelSet } from '../../delivery/channel-set.js';
import type { ExchangeServices } from '../../exchange/services.js';
import type { GatewayModule } from '../../gateway/module.js';
import type { ConnectorAdapters } from '../../ministry/connectors/endpoint.js';
import type { SimulatorsServices } from '../../sim/simulator.js';
import { logger } from '../../shared/logger.js';

/**
 * Builds every outbound channel once, in the composition root: the national channel (one
 * timeout, NATIONAL_TIMEOUT_MS, and the receipt policy), the e-document fallback and archive,
 * and the ministry channel of the push connectors.
 * Each uses its configured URL first and the in-process simulator's only as the default.
 * Delivery and the catalog feed receive them as `channels`; no area reads a channel URL setting.
 */
export const channelsModule: GatewayModule<
  { simulators: SimulatorsServices; exchange: ExchangeServices; connectors: ConnectorAdapters },
  { channels: ChannelSet }
> = {
  name: 'channels',
  requires: { simulators: true, exchange: true, connectors: true },
  provides: { channels: true },
  async init(ctx) {
    const { simulators, exchange, connectors } = ctx.services;
    const { settings, env } = ctx.config;
    const configured = settings.NATIONAL_URL;
    const nationalUrl = configured ?? simulators.national?.url;
    // Receipts: verified against NATIONAL_RECEIPT_TRUST (default TRUST_ANCHORS) when signed.
    const receipts = { trust: exchange.receiptTrust, requireSignature: settings.NATIONAL_RECEIPTS_SIGNED, now: ctx.now };
    const channels: ChannelSet = {
      endpoints: { ...(nationalUrl ? { national: nationalUrl } : {}), nationalSimulated: !configured && nationalUrl !== undefined },
    };
    if (nationalUrl) channels.national = createNationalChannel({ baseUrl: nationalUrl, timeoutMs: settings.NATIONAL_TIMEOUT_MS, receipts });
    const edoc = edocChannelsFromEnv(env, { simulatorUrl: simulators.edoc?.url, now: ctx.now });
    if (edoc) {
      channels.edoc = edoc.fallback;
      channels.archive = edoc.archive;
    }
    // One channel for every push connector: each packet names its connector, whose endpoint and secret the root resolved.
    if (connectors.definitions.some((d) => d.direction === 'push'))
      channels.ministry = createMinistryChannel({ endpointOf: (packet) => connectors.resolveId(connectorOf(packet)) });
    return {
      services: { channels },
      start: async () => {
        // The in-process national simulator answers through our signed callback (demo): tell it where.
        const sim = simulators.national;
        if (configured || !sim || ctx.config.port === 0) return;
        await fetch(`${sim.url}/_sim/callback`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url: `${ctx.config.publicUrl}/api/v1/exchange/national/callback` }),
        }).catch((err: Error) => logger.warn('national simulator callback not registered', { error: err.message }));
      },
    };
  },
};
