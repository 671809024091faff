import { Router } from 'express';
import type { CoreServices } from '../core/core-services.js';
import type { Principal } from '../http/principal.js';
import { AuthenticationError } from '../shared/errors.js';
import { OPS_ACTOR_HEADER, OPS_TOKEN_HEADER, type CliAccess } from './cli-access.js';

/**
 * Under /api/v1: a request carrying the local ops token acts as the province-wide operator
 * (roles ops + admin, at the root of the org tree). A wrong token is refused, never ignored.
 */
export function cliAccessMiddleware(access: CliAccess, core: CoreServices | undefined): Router {
  const r = Router();
  let root: string | undefined;
  r.use(async (req, res, next) => {
    const presented = req.get(OPS_TOKEN_HEADER);
    if (presented === undefined) return next();
    if (!access.matches(presented))
      throw new AuthenticationError('OPS_TOKEN_INVALID', 'Khoá truy cập vận hành không đúng (gateway đã khởi động lại?)');
    root ??= (await core?.orgUnits.repo.list())?.find((u) => u.parentId === null)?.id ?? 'root';
    const actor = (req.get(OPS_ACTOR_HEADER) ?? 'operator').replace(/[^\p{L}\p{N}._-]/gu, '').slice(0, 64) || 'operator';
    const principal: Principal = {
      kind: 'user',
      id: `cli:${actor}`,
      displayName: `CLI (${actor})`,
      roles: ['ops', 'admin'],
      orgUnitId: root,
    };
    res.locals.principal = principal;
    next();
  });
  return r;
}
