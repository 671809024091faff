import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import { validateBody } from '../../http/validate.js';
import { ValidationError } from '../../shared/errors.js';
import type { CoreRouteDeps } from '../route-support.js';
import { coreSchema } from '../schema-ids.js';
import type { ExtensionStatus } from './extension-repository.js';

const STATUSES: ExtensionStatus[] = ['pending', 'granted', 'refused'];

/** Gia hạn: the unit asks on its assignment; a unit above decides (audited by the service). */
export function extensionRoutes(deps: CoreRouteDeps): Router {
  const { extensions } = deps.core;
  const r = Router();

  r.get('/assignments/:id/extensions', async (req, res) => {
    res.json({ extensions: await extensions.ofAssignment(principalOf(req), param(req, 'id')) });
  });

  r.post('/assignments/:id/extensions', validateBody(coreSchema('request-extension')), async (req, res) => {
    res.status(201).json(await extensions.request(principalOf(req), param(req, 'id'), req.body));
  });

  r.get('/assignment-extensions', async (req, res) => {
    const status = queryString(req, 'status') ?? 'pending';
    if (status !== 'all' && !STATUSES.includes(status as ExtensionStatus)) {
      throw new ValidationError('REQUEST_INVALID', 'status must be pending, granted, refused or all', { status });
    }
    const list = await extensions.toDecide(principalOf(req), status === 'all' ? undefined : (status as ExtensionStatus));
    res.json({ extensions: list });
  });

  r.post('/assignment-extensions/:id/grant', validateBody(coreSchema('grant-extension')), async (req, res) => {
    res.json(await extensions.grant(principalOf(req), param(req, 'id'), req.body));
  });

  r.post('/assignment-extensions/:id/refuse', validateBody(coreSchema('refuse-extension')), async (req, res) => {
    res.json(await extensions.refuse(principalOf(req), param(req, 'id'), req.body));
  });
  return r;
}
