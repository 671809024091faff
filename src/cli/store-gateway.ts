import { loadConfig, type Config } from '../config.js';
import type { Gateway } from '../gateway/gateway.js';

/**
 * The configuration of an ops command that may have to open the store itself: the same settings
 * as the gateway, without simulators, demo seeding, demo traffic or delivery workers, so reading
 * the store never moves a packet.
 */
export function opsCommandConfig(): Config {
  return loadConfig({
    ...process.env,
    START_SIMULATORS: 'false',
    SEED_DEMO: 'false',
    DEMO_TRAFFIC: 'false',
    DELIVERY_WORKER: 'false',
  });
}

/** No gateway runs: open the store with the gateway's own services, run `read`, close it again. */
export async function withStoreGateway<T>(config: Config, read: (gateway: Gateway) => Promise<T>): Promise<T> {
  // Imported lazily: a command that talks to a running gateway never loads the whole assembly.
  const { createGateway } = await import('../gateway/gateway.js');
  const gateway = await createGateway({ config });
  try {
    return await read(gateway);
  } finally {
    await gateway.close();
  }
}
