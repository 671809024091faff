import type { SqlExecutor } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import { AuthenticationError, ForbiddenError, type AppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { authRefusals } from './metrics.js';

/** Audit action of every refused authentication or authorisation attempt; details.code is the stable error code. */
export const AUTH_REFUSED = 'auth.refused';

export interface RefusalContext {
  /** Who claimed to call (username, client id, token subject) or 'anonymous'. */
  actor?: string;
  details?: Record<string, unknown>;
}

/**
 * Writes the audit entry for a refusal and returns the typed error to throw. Refusals are
 * audited outside any transaction: the attempt is recorded even though the request fails.
 */
const audited = new WeakSet<AppError>();

/** True for an error whose refusal `refuse` already audited (the response hook must not audit it twice). */
export function wasAudited(err: unknown): boolean {
  return err instanceof Error && audited.has(err as AppError);
}

export async function refuse(
  sql: SqlExecutor,
  status: 401 | 403,
  code: string,
  message: string,
  ctx: RefusalContext = {},
): Promise<AppError> {
  authRefusals.inc({ code });
  try {
    await appendAudit(sql, {
      actor: ctx.actor ?? 'anonymous',
      action: AUTH_REFUSED,
      subject: ctx.actor,
      details: { code, ...ctx.details },
    });
  } catch (err) {
    logger.error('audit of refused authentication failed', { code, error: (err as Error).message });
  }
  const error = status === 401 ? new AuthenticationError(code, message, ctx.details) : new ForbiddenError(code, message, ctx.details);
  audited.add(error);
  return error;
}
