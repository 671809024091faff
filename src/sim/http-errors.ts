import type { NextFunction, Request, Response } from 'express';
import { isAppError } from '../shared/errors.js';

/** A body parser's refusal (express): its type and 4xx status. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * The simulators' own error answers, `{code, message, details}` like the systems they stand for:
 * typed errors keep their code and status, a refused body its 4xx, anything else is a 500.
 */
export function simErrorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (isAppError(err)) return void res.status(err.status).json(err.toJSON());
  const parser = err as BodyParserError;
  if (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500) {
    const code = parser.type === 'entity.too.large' ? 'BODY_TOO_LARGE' : 'BODY_INVALID';
    return void res.status(parser.status).json({ code, message: parser.message });
  }
  res.status(500).json({ code: 'SIM_INTERNAL_ERROR', message: (err as Error)?.message ?? String(err) });
}

export function simNotFound(req: Request, res: Response): void {
  res.status(404).json({ code: 'ROUTE_NOT_FOUND', message: `No route ${req.method} ${req.path}` });
}
