import { Router } from 'express';
import type { Database } from '../store/database.js';
import { assignmentRoutes } from './assignments/routes.js';
import { extensionRoutes } from './assignments/extension-routes.js';
import { indicatorRoutes } from './catalog/indicator-routes.js';
import { regimeRoutes } from './catalog/regime-routes.js';
import type { CoreServices } from './core-services.js';
import { formRoutes } from './forms/routes.js';
import { orgUnitRoutes } from './org-units/routes.js';
import { periodRoutes } from './periods/routes.js';
import type { CoreRouteDeps } from './route-support.js';

/** The core catalog API, mounted under /api/v1 (one router per resource). */
export function coreRouter(core: CoreServices, db: Database): Router {
  const deps: CoreRouteDeps = { core, db };
  const r = Router();
  for (const routes of [orgUnitRoutes, indicatorRoutes, regimeRoutes, formRoutes, periodRoutes, assignmentRoutes, extensionRoutes])
    r.use(routes(deps));
  return r;
}
