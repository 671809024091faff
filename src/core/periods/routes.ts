import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import type { CoreRouteDeps } from '../route-support.js';
import { periodView } from './period-view.js';

/**
 * `GET /periods/:key?regime=CODE`: the period's kind and cut-off window (Nghị định 09/2019 by
 * default), and with a regime its deadline on the working calendar plus the days off skipped.
 */
export function periodRoutes({ core }: CoreRouteDeps): Router {
  const r = Router();
  r.get('/periods/:key', async (req, res) => {
    principalOf(req);
    res.json(await periodView(core, param(req, 'key'), queryString(req, 'regime')));
  });
  return r;
}
