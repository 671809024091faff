import type { GatewayModule } from '../../gateway/module.js';
import { resolveEndpoint, type ConnectorEndpoints } from '../../ministry/connectors/endpoint.js';
import { DEFAULT_MINISTRY_SIM_TOKEN } from '../../sim/ministry/index.js';
import type { SimulatorsServices } from '../../sim/simulator.js';

/**
 * The ministry connectors' endpoints, resolved in the composition root: a connector's own URL
 * and secret settings first, else the in-process ministry simulator with the token it was
 * started with (SIM_MINISTRY_TOKEN, else its demo token). The ministry area never sees a simulator.
 */
export const connectorsModule: GatewayModule<{ simulators: SimulatorsServices }, { connectorEndpoints: ConnectorEndpoints }> = {
  name: 'connectors',
  requires: { simulators: true },
  provides: { connectorEndpoints: true },
  async init(ctx) {
    const env = ctx.config.env;
    const sim = ctx.services.simulators.ministry;
    const fallback = sim ? { url: sim.url, secret: env.SIM_MINISTRY_TOKEN ?? DEFAULT_MINISTRY_SIM_TOKEN } : undefined;
    return { services: { connectorEndpoints: { resolve: (def) => resolveEndpoint(def, env, fallback) } } };
  },
};
