import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param } from '../../http/query.js';
import { validateBody } from '../../http/validate.js';
import { audit, type CoreRouteDeps, requireProvinceAdmin } from '../route-support.js';
import { coreSchema } from '../schema-ids.js';

/** Report regimes (chế độ báo cáo): list, one, create, the province's dispatch choices. */
export function regimeRoutes(deps: CoreRouteDeps): Router {
  const { core } = deps;
  const r = Router();

  r.get('/regimes', async (req, res) => {
    principalOf(req);
    res.json({ regimes: await core.regimes.list() });
  });

  r.get('/regimes/:code', async (req, res) => {
    principalOf(req);
    res.json(await core.regimes.require(param(req, 'code')));
  });

  r.post('/regimes', requireProvinceAdmin(deps), validateBody(coreSchema('create-regime')), async (req, res) => {
    const principal = principalOf(req);
    const regime = await core.regimes.create(req.body);
    await audit(deps, principal, { action: 'regime.create', subject: regime.code });
    res.status(201).json(regime);
  });

  // Routing as data: who receives, which reports go national, whether approval sends at once.
  r.patch('/regimes/:code/routing', requireProvinceAdmin(deps), validateBody(coreSchema('update-regime-routing')), async (req, res) => {
    const principal = principalOf(req);
    const { before, after } = await core.regimes.updateDispatch(param(req, 'code'), req.body);
    await audit(deps, principal, {
      action: 'regime.routing_update',
      subject: after.code,
      details: {
        before: { autoDispatch: before.autoDispatch, routing: before.routing },
        after: { autoDispatch: after.autoDispatch, routing: after.routing },
      },
    });
    res.json(after);
  });
  return r;
}
