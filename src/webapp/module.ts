import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { GatewayModule, NoServices } from '../gateway/module.js';
import { dashboardPagesRouter, webappPagesRouter } from './pages.js';
import { PublicationService } from './publication.js';
import { appApiRouter, publicApiRouter } from './routes.js';
import { fileLimitsFrom } from '../ministry/files/file-limits.js';

/**
 * The reporting web app (issue 15): the page every provincial role works in at /app, and the
 * public dashboard at /cong-khai. The browser talks to the core, submissions and identity APIs
 * directly; this module adds only what they lack (publication of approved figures, the
 * form's xlsx template and reading a filled one back into the grid or the list editor,
 * within the import limits the ministry files have).
 */
export const webappModule: GatewayModule<{ core: CoreServices; submissions: SubmissionsServices }, NoServices> = {
  name: 'webapp',
  requires: { core: true, submissions: true },
  provides: {},
  async init(ctx) {
    const { core, submissions } = ctx.services;
    const publication = new PublicationService({ db: ctx.db, now: ctx.now, core, submissions });
    return {
      routers: [
        {
          path: '/api/v1/app',
          router: appApiRouter(publication, { core, submissions, now: ctx.now, limits: fileLimitsFrom(ctx.config.settings) }),
        },
        { path: '/api/v1/public', router: publicApiRouter(publication) },
        { path: '/app', router: webappPagesRouter() },
        { path: '/cong-khai', router: dashboardPagesRouter() },
      ],
    };
  },
};
