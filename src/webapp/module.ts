import type { GatewayModule } from '../gateway/module.js';
import { dashboardPagesRouter, webappPagesRouter } from './pages.js';

/**
 * The reporting web app (issue 15): the page every provincial role works in at /app, and the
 * public dashboard at /cong-khai. The browser talks to the core, submissions and identity APIs
 * directly; this module adds only what they lack (xlsx templates, publication).
 */
export const webappModule: GatewayModule = {
  name: 'webapp',
  async init() {
    return {
      routers: [
        { path: '/app', router: webappPagesRouter() },
        { path: '/cong-khai', router: dashboardPagesRouter() },
      ],
    };
  },
};
