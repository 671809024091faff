import { loadConfig, type Config } from '../config.js';
import type { Gateway } from '../app/gateway.js';
import type { AppServices } from '../app/services.js';

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
export async function withStoreGateway<T>(config: Config, read: (gateway: Gateway<AppServices>) => Promise<T>): Promise<T> {
  // Imported lazily: a command that talks to a running gateway never loads the whole assembly.
  const { createApp } = await import('../app/app.js');
  const gateway = await createApp({ config });
  try {
    return await read(gateway);
  } finally {
    await gateway.close();
  }
}
