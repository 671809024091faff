import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryDate, queryString } from '../../http/query.js';
import { validateBody } from '../../http/validate.js';
import { audit, type CoreRouteDeps, requireAdmin } from '../route-support.js';
import { coreSchema } from '../schema-ids.js';

/** Org tree (GET tree, now or on a past date; one with history; admin: create, update/re-code, reparent, merger). */
export function orgUnitRoutes(deps: CoreRouteDeps): Router {
  const { core } = deps;
  const r = Router();

  r.get('/org-units/tree', async (req, res) => {
    const principal = principalOf(req);
    const root = queryString(req, 'root') ?? principal.orgUnitId;
    await core.scope.assertCanAccess(principal, root);
    const on = queryDate(req, 'on');
    res.json(on ? await core.orgUnits.treeOn(root, on) : await core.orgUnits.tree(root));
  });

  r.get('/org-units/:id', async (req, res) => {
    const id = param(req, 'id');
    await core.scope.assertCanAccess(principalOf(req), id);
    const [unit, history] = await Promise.all([core.orgUnits.require(id), core.orgUnits.history(id)]);
    res.json({ ...unit, history });
  });

  r.post('/org-units', requireAdmin(deps), validateBody(coreSchema('create-org-unit')), async (req, res) => {
    const principal = principalOf(req);
    await core.scope.assertCanAccess(principal, req.body.parentId);
    const unit = await core.orgUnits.create(req.body);
    await audit(deps, principal, { action: 'org_unit.create', subject: unit.id, orgUnitId: unit.id, details: { orgCode: unit.orgCode } });
    res.status(201).json(unit);
  });

  r.patch('/org-units/:id', requireAdmin(deps), validateBody(coreSchema('update-org-unit')), async (req, res) => {
    const principal = principalOf(req);
    const id = param(req, 'id');
    await core.scope.assertCanAccess(principal, id);
    const unit = await core.orgUnits.update(id, req.body);
    await audit(deps, principal, { action: 'org_unit.update', subject: id, orgUnitId: id, details: req.body });
    res.json(unit);
  });

  r.post('/org-units/:id/reparent', requireAdmin(deps), validateBody(coreSchema('reparent-org-unit')), async (req, res) => {
    const principal = principalOf(req);
    const id = param(req, 'id');
    await core.scope.assertCanAccess(principal, id);
    await core.scope.assertCanAccess(principal, req.body.parentId);
    const unit = await core.orgUnits.reparent(id, req.body.parentId, req.body.on);
    await audit(deps, principal, { action: 'org_unit.reparent', subject: id, orgUnitId: id, details: req.body });
    res.json(unit);
  });

  r.post('/org-units/:id/merger', requireAdmin(deps), validateBody(coreSchema('merge-org-unit')), async (req, res) => {
    const principal = principalOf(req);
    const id = param(req, 'id');
    await core.scope.assertCanAccess(principal, id);
    await core.scope.assertCanAccess(principal, req.body.toUnitId);
    await core.orgUnits.recordMerger({ fromUnitId: id, ...req.body });
    await audit(deps, principal, { action: 'org_unit.merge', subject: id, orgUnitId: id, details: req.body });
    res.json({ ...(await core.orgUnits.require(id)), history: await core.orgUnits.history(id) });
  });
  return r;
}
