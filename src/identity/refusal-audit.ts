import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import { logger } from '../shared/logger.js';
import type { Principal } from '../http/principal.js';
import { AUTH_REFUSED, wasAudited } from './audit.js';
import { authRefusals } from './metrics.js';

/**
 * Every refused request is audited, including refusals raised by other areas' routes
 * (ORG_SCOPE_FORBIDDEN, ROLE_FORBIDDEN, AUTH_REQUIRED): the JSON answer of a 401/403 is held
 * until its audit entry is written. Refusals `refuse` already audited are marked and skipped.
 */
export function refusalAuditStage(db: Database) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
      if ((res.statusCode !== 401 && res.statusCode !== 403) || typeof code !== 'string' || res.locals.refusalAudited) return json(body);
      res.locals.refusalAudited = true;
      authRefusals.inc({ code });
      const principal = res.locals.principal as Principal | undefined;
      appendAudit(db, {
        actor: principal?.id ?? 'anonymous',
        action: AUTH_REFUSED,
        subject: principal?.id,
        orgUnitId: principal?.orgUnitId,
        details: { code, status: res.statusCode, method: req.method, path: req.originalUrl.split('?')[0] },
      })
        .catch((err: Error) => logger.error('audit of refused request failed', { code, error: err.message }))
        .finally(() => json(body));
      return res;
    };
    next();
  };
}

/** Marks an error audited by `refuse` so the response hook does not write a second entry. */
export function noteAuditedRefusal(res: Response, err: unknown): void {
  if (wasAudited(err)) res.locals.refusalAudited = true;
}
