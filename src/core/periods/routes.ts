import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import { ValidationError } from '../../shared/errors.js';
import type { CoreRouteDeps } from '../route-support.js';
import { periodView } from './period-view.js';

/**
 * `GET /periods/:key?regime=CODE`: the period's kind and cut-off window (Nghị định 09/2019 by
 * default), and with a regime its deadline on the working calendar plus the days off skipped;
 * `GET /calendar/:year`: the holidays the calendar uses.
 */
export function periodRoutes({ core }: CoreRouteDeps): Router {
  const r = Router();
  r.get('/periods/:key', async (req, res) => {
    principalOf(req);
    res.json(await periodView(core, param(req, 'key'), queryString(req, 'regime')));
  });

  // The days off of a year as the deadlines see them (rule + announced overrides).
  r.get('/calendar/:year', (req, res) => {
    principalOf(req);
    const year = Number(param(req, 'year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new ValidationError('YEAR_INVALID', 'Year must be between 2000 and 2100', { year: param(req, 'year') });
    }
    res.json({ year, holidays: core.calendar.listHolidays(year) });
  });
  return r;
}
