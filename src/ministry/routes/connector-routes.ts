import { Router } from 'express';
import type { CoreServices } from '../../core/core-services.js';
import { principalOf } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import type { ConnectorService } from '../connectors/connector-service.js';

/**
 * GET /ministry/connectors (admin, ops): definitions without secrets, next scheduled run.
 * GET /ministry/connectors/:id/runs; POST /ministry/connectors/:id/run?period= (admin): runs
 * now and answers the recorded run (200 succeeded, 502 failed, with the error).
 */
export function connectorRouter(connectors: ConnectorService, core: CoreServices): Router {
  const r = Router();
  r.get('/ministry/connectors', async (req, res) => {
    core.scope.assertRole(principalOf(req), 'admin', 'ops');
    res.json({
      connectors: connectors.definitions.map((d) => ({
        id: d.id,
        name: d.name,
        ministry: d.ministry,
        direction: d.direction,
        schedule: d.schedule ?? null,
        enabled: d.enabled !== false,
        indicators: d.indicators,
        periodKind: d.periodKind,
        auth: d.auth.type,
        nextRunAt: connectors.nextRun(d.id),
      })),
    });
  });
  r.get('/ministry/connectors/:id/runs', async (req, res) => {
    core.scope.assertRole(principalOf(req), 'admin', 'ops');
    res.json({ runs: await connectors.runs(param(req, 'id')) });
  });
  r.post('/ministry/connectors/:id/run', async (req, res) => {
    const principal = principalOf(req);
    core.scope.assertRole(principal, 'admin');
    const run = await connectors.run(param(req, 'id'), 'manual', principal.id, queryString(req, 'period'));
    res.status(run.status === 'succeeded' ? 200 : 502).json(run);
  });
  return r;
}
