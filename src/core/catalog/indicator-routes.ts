import express, { Router, type Request } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryBoolean, queryEnum, queryString } from '../../http/query.js';
import { validateBody } from '../../http/validate.js';
import { assertContract } from '../../shared/contracts.js';
import { audit, type CoreRouteDeps, requireProvinceAdmin } from '../route-support.js';
import { coreSchema } from '../schema-ids.js';
import { parseIndicatorCatalog } from './indicator-file.js';
import { INDICATOR_FIELDS, type NewIndicator } from './types.js';

/** A CSV import is checked against the same contract as the JSON one, so both fail alike. */
function importBody(req: Request): NewIndicator[] {
  if (req.is('text/csv')) return parseIndicatorCatalog(typeof req.body === 'string' ? req.body : '', 'csv');
  return assertContract<NewIndicator[]>(coreSchema('import-indicators'), req.body, 'REQUEST_INVALID');
}

/** Indicators (chỉ tiêu): list with filters, one, create, update, import (JSON array or text/csv). */
export function indicatorRoutes(deps: CoreRouteDeps): Router {
  const { core } = deps;
  const r = Router();

  r.get('/indicators', async (req, res) => {
    const principal = principalOf(req);
    // A ministry client sees the indicators of its own ministry only.
    const ministry = principal.kind === 'client' && principal.ministryCode ? principal.ministryCode : undefined;
    const filter = {
      catalog: queryEnum(req, 'catalog', ['national', 'provincial'] as const),
      field: queryEnum(req, 'field', INDICATOR_FIELDS),
      template: queryBoolean(req, 'template'),
      ministryCode: ministry ?? queryString(req, 'ministryCode'),
      q: queryString(req, 'q')?.normalize('NFC'),
    };
    res.json({ indicators: await core.indicators.list(filter) });
  });

  r.get('/indicators/:code', async (req, res) => {
    principalOf(req);
    res.json(await core.indicators.require(param(req, 'code')));
  });

  r.post('/indicators', requireProvinceAdmin(deps), validateBody(coreSchema('indicator')), async (req, res) => {
    const principal = principalOf(req);
    const indicator = await core.indicators.create(req.body);
    await audit(deps, principal, { action: 'indicator.create', subject: indicator.code });
    res.status(201).json(indicator);
  });

  r.patch('/indicators/:code', requireProvinceAdmin(deps), validateBody(coreSchema('update-indicator')), async (req, res) => {
    const principal = principalOf(req);
    const indicator = await core.indicators.update(param(req, 'code'), req.body);
    await audit(deps, principal, { action: 'indicator.update', subject: indicator.code, details: req.body });
    res.json(indicator);
  });

  r.post('/indicators/import', requireProvinceAdmin(deps), express.text({ type: 'text/csv', limit: '5mb' }), async (req, res) => {
    const principal = principalOf(req);
    const result = await core.indicators.import(importBody(req));
    await audit(deps, principal, {
      action: 'indicator.import',
      details: { created: result.created.length, updated: result.updated.length },
    });
    res.json(result);
  });
  return r;
}
