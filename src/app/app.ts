import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import { createChainGateway, type Gateway } from './gateway.js';
import { appModules } from './modules.js';
import type { AppServices } from './services.js';

/**
 * The composition root: the whole gateway, every module of `modules.ts` in its checked order,
 * with every service of `AppServices` present (the assignment below fails to compile if the
 * chain forgets one). The CLI and the end-to-end tests start this.
 */
export function createApp(options: { config: Config; db?: Database; now?: () => Date }): Promise<Gateway<AppServices>> {
  const gateway: Promise<Gateway<AppServices>> = createChainGateway(appModules, options);
  return gateway;
}
