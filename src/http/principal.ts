import type { Request } from 'express';
import { AuthenticationError } from '../shared/errors.js';

export type Role = 'admin' | 'leader' | 'data_entry' | 'clerk' | 'ops' | 'ministry_client';

/**
 * Who is calling. Set by the identity module's middleware on `res.locals.principal`; every
 * route reads it through `principalOf`. Scope: the root of the org subtree the caller may see.
 */
export interface Principal {
  kind: 'user' | 'client';
  id: string;
  displayName: string;
  roles: Role[];
  /** Org unit at the root of the caller's subtree. */
  orgUnitId: string;
  /** Ministry clients: the ministry code whose indicators they may touch. */
  ministryCode?: string;
}

export function principalOf(req: Request): Principal {
  const principal = req.res?.locals.principal as Principal | undefined;
  if (!principal) throw new AuthenticationError('AUTH_REQUIRED', 'Authentication required');
  return principal;
}

export function optionalPrincipal(req: Request): Principal | undefined {
  return req.res?.locals.principal as Principal | undefined;
}
