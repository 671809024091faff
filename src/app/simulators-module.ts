import type { GatewayModule, NoServices } from '../gateway/module.js';
import type { Config } from '../config.js';
import { demoSettings } from '../demo/demo-settings.js';
import { logger } from '../shared/logger.js';
import type { SimulatorsServices } from '../sim/simulator.js';

export type { SimulatorsServices } from '../sim/simulator.js';
import { simulators } from '../sim/simulators.js';

/**
 * The demo's national office reviews list-type reports before accepting them (received first,
 * accepted on the gateway's next status poll), so the demo's recall (thu hồi, report-status
 * THU_HOI) has a report to recall; SIM_NATIONAL_REVIEW_TYPES set (even empty) overrides it.
 */
function simulatorEnv(config: Config): Config['env'] {
  const demo = demoSettings(config);
  if (!demo.enabled || !demo.showcase || config.env.SIM_NATIONAL_REVIEW_TYPES !== undefined) return config.env;
  return { ...config.env, SIM_NATIONAL_REVIEW_TYPES: 'list-report-data' };
}

/**
 * Starts every simulator in-process when `config.startSimulators` (the bare-machine demo
 * default), first of all modules so channels can find their URLs. Ports: SIM_<NAME>_PORT,
 * else ephemeral. Each channel uses its configured URL first, this one only as a default.
 */
export const simulatorsModule: GatewayModule<NoServices, { simulators: SimulatorsServices }> = {
  name: 'simulators',
  requires: {},
  provides: { simulators: true },
  async init(ctx) {
    const running: SimulatorsServices = {};
    if (!ctx.config.startSimulators) return { services: { simulators: running } };
    const env = simulatorEnv(ctx.config);
    for (const def of simulators) {
      const port = Number(ctx.config.env[`SIM_${def.name.toUpperCase()}_PORT`] ?? 0) || 0;
      running[def.name] = await def.start({ port, host: '127.0.0.1', env });
      logger.info('simulator started', { simulator: def.name, url: running[def.name]!.url });
    }
    return {
      services: { simulators: running },
      async stop() {
        await Promise.all(Object.values(running).map((s) => s.close()));
      },
    };
  },
};
