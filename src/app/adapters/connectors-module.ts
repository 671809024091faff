import type { MappingRegistry } from '../../exchange/mapping/loader.js';
import type { GatewayModule } from '../../gateway/module.js';
import { ministryConfigFrom } from '../../ministry/config.js';
import { loadConnectors } from '../../ministry/connectors/definition.js';
import { resolveEndpoint, type ConnectorAdapters } from '../../ministry/connectors/endpoint.js';
import { DEFAULT_MINISTRY_SIM_TOKEN } from '../../sim/ministry/index.js';
import type { SimulatorsServices } from '../../sim/simulator.js';
import { NotFoundError } from '../../shared/errors.js';

/**
 * The ministry connectors' adapters, built once in the composition root: the connector files
 * (checked against the mappings at start), each connector's endpoint (its own URL and secret
 * settings first, else the in-process ministry simulator with the token it was started with).
 * Their pushes go through the delivery area's `outbound.send` like every outbound message
 * (the ministry module requires it). The ministry area never sees a simulator.
 */
export const connectorsModule: GatewayModule<
  { simulators: SimulatorsServices; mappings: MappingRegistry },
  { connectors: ConnectorAdapters }
> = {
  name: 'connectors',
  requires: { simulators: true, mappings: true },
  provides: { connectors: true },
  async init(ctx) {
    const env = ctx.config.env;
    const definitions = loadConnectors(ministryConfigFrom(ctx.config.settings).connectorsDir, ctx.services.mappings);
    // Read when a connector runs: a test's module list may start its simulators after this module.
    const fallback = () => {
      const sim = ctx.services.simulators?.ministry;
      return sim ? { url: sim.url, secret: env.SIM_MINISTRY_TOKEN ?? DEFAULT_MINISTRY_SIM_TOKEN } : undefined;
    };
    const connectors: ConnectorAdapters = {
      definitions,
      resolve: (def) => resolveEndpoint(def, env, fallback()),
      resolveId: (id) => {
        const def = definitions.find((d) => d.id === id);
        if (!def) throw new NotFoundError('CONNECTOR_NOT_FOUND', `No connector ${id}`, { id });
        return resolveEndpoint(def, env, fallback());
      },
    };
    return { services: { connectors } };
  },
};
