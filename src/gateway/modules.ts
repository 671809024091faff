import type { GatewayModule } from './module.js';

/**
 * The modules of the gateway, in start order: a module may use the services of those above it.
 * Add one import and one entry per area.
 */
export const modules: GatewayModule[] = [];
