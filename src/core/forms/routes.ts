import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryBoolean, queryString } from '../../http/query.js';
import { validateBody } from '../../http/validate.js';
import { audit, type CoreRouteDeps, requireAuthenticated, requireProvinceAdmin } from '../route-support.js';
import { coreSchema } from '../schema-ids.js';

/** Forms (biểu mẫu): list, one, create, copy from the library, and a dry-run check of values against the constraints. */
export function formRoutes(deps: CoreRouteDeps): Router {
  const { core } = deps;
  const r = Router();

  r.get('/forms', async (req, res) => {
    principalOf(req);
    res.json({ forms: await core.forms.list({ regimeCode: queryString(req, 'regimeCode'), template: queryBoolean(req, 'template') }) });
  });

  r.get('/forms/:code', async (req, res) => {
    principalOf(req);
    res.json(await core.forms.require(param(req, 'code')));
  });

  r.post('/forms', requireProvinceAdmin(deps), validateBody(coreSchema('create-form')), async (req, res) => {
    const principal = principalOf(req);
    const form = await core.forms.create(req.body);
    await audit(deps, principal, { action: 'form.create', subject: form.code });
    res.status(201).json(form);
  });

  r.post('/forms/:code/instantiate', requireProvinceAdmin(deps), validateBody(coreSchema('instantiate-form')), async (req, res) => {
    const principal = principalOf(req);
    const form = await core.forms.instantiate(param(req, 'code'), req.body.code, req.body.regimeCode);
    await audit(deps, principal, { action: 'form.instantiate', subject: form.code, details: { template: param(req, 'code') } });
    res.status(201).json(form);
  });

  r.post('/forms/:code/validate', requireAuthenticated, validateBody(coreSchema('validate-form-values')), async (req, res) => {
    principalOf(req);
    const violations = await core.forms.validateValues(param(req, 'code'), req.body.values);
    res.json({ valid: violations.length === 0, violations });
  });
  return r;
}
