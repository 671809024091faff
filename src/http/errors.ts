import type { NextFunction, Request, Response } from 'express';
import { AppError, isAppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** What PostgreSQL and PGlite errors carry (SQLSTATE in `code`). */
interface SqlError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Integrity errors the database caught before a domain check did (e.g. an unknown org unit in
 * an indicator's responsible unit) are the caller's mistake, not a server failure.
 */
function fromSqlState(err: SqlError): AppError | undefined {
  const details = { constraint: err.constraint, detail: err.detail };
  if (err.code === '23503') return new AppError('REFERENCE_NOT_FOUND', 'A referenced record does not exist', 400, details);
  if (err.code === '23505') return new AppError('DUPLICATE_KEY', 'A record with this key already exists', 409, details);
  return undefined;
}

/** Maps every error to `{code, message, details}` with a stable code. Unknown errors are logged, not leaked. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const sqlError = isAppError(err) ? undefined : fromSqlState(err as SqlError);
  let appError: AppError;
  if (isAppError(err)) {
    appError = err;
  } else if (sqlError) {
    appError = sqlError;
  } else if ((err as BodyParserError)?.type === 'entity.too.large') {
    appError = new AppError('BODY_TOO_LARGE', 'Request body exceeds the size limit', 413);
  } else if ((err as BodyParserError)?.type === 'entity.parse.failed') {
    appError = new AppError('BODY_MALFORMED', `Malformed request body: ${(err as Error).message}`, 400);
  } else {
    logger.error('unhandled error', { path: req.path, error: (err as Error)?.stack ?? String(err) });
    appError = new AppError('INTERNAL_ERROR', 'Internal error', 500);
  }
  if (appError.status >= 500) logger.warn('request failed', { path: req.path, code: appError.code });
  res.status(appError.status).json(appError.toJSON());
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({ code: 'ROUTE_NOT_FOUND', message: `No route ${req.method} ${req.path}` });
}
