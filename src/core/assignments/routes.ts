import { Router, type Request } from 'express';
import { principalOf, type Principal } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import { validateBody } from '../../http/validate.js';
import { audit, type CoreRouteDeps, requireProvinceAdmin, requireRole } from '../route-support.js';
import { coreSchema } from '../schema-ids.js';
import type { Assignment } from './types.js';

/** The assignment, once the caller is known to be a leader/admin of its unit's subtree. */
async function managedAssignment(deps: CoreRouteDeps, req: Request): Promise<{ assignment: Assignment; principal: Principal }> {
  const principal = principalOf(req);
  deps.core.scope.assertRole(principal, 'admin', 'leader');
  const assignment = await deps.core.assignments.require(param(req, 'id'));
  await deps.core.scope.assertCanAccess(principal, assignment.orgUnitId);
  return { assignment, principal };
}

/** Giao báo cáo: generate per period (admin), list in scope, reassign to sub-units, open/close reception. */
export function assignmentRoutes(deps: CoreRouteDeps): Router {
  const { core } = deps;
  const r = Router();

  r.post('/assignments/generate', requireProvinceAdmin(deps), validateBody(coreSchema('generate-assignments')), async (req, res) => {
    const principal = principalOf(req);
    const { regimeCode, periodKey, ...options } = req.body;
    const created = await core.assignments.generate(regimeCode, periodKey, options);
    await audit(deps, principal, {
      action: 'assignment.generate',
      subject: `${regimeCode}/${periodKey}`,
      details: { created: created.length },
    });
    res.status(201).json({ created });
  });

  r.get('/assignments', async (req, res) => {
    const principal = principalOf(req);
    const unit = queryString(req, 'orgUnitId');
    if (unit) await core.scope.assertCanAccess(principal, unit);
    const orgUnitIds = unit ? [unit] : (await core.orgUnits.subtree(principal.orgUnitId)).map((u) => u.id);
    const filter = {
      orgUnitIds,
      periodKey: queryString(req, 'periodKey'),
      regimeCode: queryString(req, 'regimeCode'),
      formCode: queryString(req, 'formCode'),
    };
    res.json({ assignments: await core.assignments.list(filter) });
  });

  r.get('/assignments/:id', async (req, res) => {
    const assignment = await core.assignments.require(param(req, 'id'));
    await core.scope.assertCanAccess(principalOf(req), assignment.orgUnitId);
    res.json(assignment);
  });

  r.post(
    '/assignments/:id/reassign',
    requireRole(deps, 'admin', 'leader'),
    validateBody(coreSchema('reassign-assignment')),
    async (req, res) => {
      const { assignment, principal } = await managedAssignment(deps, req);
      const created = await core.assignments.reassign(assignment.id, req.body.orgUnitIds, req.body.deadline);
      await audit(deps, principal, {
        action: 'assignment.reassign',
        subject: assignment.id,
        orgUnitId: assignment.orgUnitId,
        details: { orgUnitIds: req.body.orgUnitIds },
      });
      res.status(201).json({ created });
    },
  );

  for (const status of ['open', 'closed'] as const) {
    const segment = status === 'open' ? 'open' : 'close';
    r.post(
      `/assignments/:id/${segment}`,
      requireRole(deps, 'admin', 'leader'),
      validateBody(coreSchema('assignment-status')),
      async (req, res) => {
        const { assignment, principal } = await managedAssignment(deps, req);
        const updated = await core.assignments.setStatus(assignment.id, status, req.body.note, principal.id);
        await audit(deps, principal, {
          action: `assignment.${segment}`,
          subject: assignment.id,
          orgUnitId: assignment.orgUnitId,
          details: { note: req.body.note },
        });
        res.json(updated);
      },
    );
  }
  return r;
}
