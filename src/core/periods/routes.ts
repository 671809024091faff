import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import { ValidationError } from '../../shared/errors.js';
import { addDays, deadlineFor, parsePeriodKey } from '../calendar/index.js';
import type { CoreRouteDeps } from '../route-support.js';

/**
 * `GET /periods/:key?regime=CODE`: the period's kind and cut-off window (Nghị định 09/2019),
 * and with a regime its deadline on the working calendar plus the days off it skipped.
 */
export function periodRoutes({ core }: CoreRouteDeps): Router {
  const r = Router();
  r.get('/periods/:key', async (req, res) => {
    principalOf(req);
    const period = parsePeriodKey(param(req, 'key'), core.cutoffRules);
    const regimeCode = queryString(req, 'regime');
    if (!regimeCode) {
      res.json({ period, regime: null, deadline: null });
      return;
    }
    const regime = await core.regimes.require(regimeCode);
    if (regime.type !== 'periodic' || !regime.periodKinds.includes(period.kind)) {
      throw new ValidationError('PERIOD_NOT_IN_REGIME', `Regime ${regime.code} is not reported per ${period.kind}`, { periodKey: period.key, regime: regime.code });
    }
    const deadline = deadlineFor(period, regime.deadlineRule, core.calendar);
    const daysOff: { date: string; holiday: string | null }[] = [];
    for (let d = addDays(period.windowEnd, 1); d < deadline; d = addDays(d, 1)) {
      if (!core.calendar.isWorkingDay(d)) daysOff.push({ date: d, holiday: core.calendar.holidayName(d) ?? null });
    }
    res.json({ period, regime: regime.code, deadlineRule: regime.deadlineRule, deadline, daysOff });
  });
  return r;
}
