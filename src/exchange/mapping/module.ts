import { join, resolve } from 'node:path';
import type { GatewayModule, NoServices } from '../../gateway/module.js';
import { REPO_ROOT } from '../config.js';
import { loadMappings, type MappingRegistry } from './loader.js';

/**
 * The indicator mappings (national and per ministry) from MAPPINGS_DIR, loaded once at start
 * for the areas that map figures: exchange (national packets) and ministry (imports, connectors).
 */
export const mappingsModule: GatewayModule<NoServices, { mappings: MappingRegistry }> = {
  name: 'mappings',
  requires: {},
  provides: { mappings: true },
  async init(ctx) {
    const configured = ctx.config.settings.MAPPINGS_DIR;
    const dir = configured ? resolve(configured) : join(REPO_ROOT, 'mappings');
    return { services: { mappings: loadMappings(dir) } };
  },
};
