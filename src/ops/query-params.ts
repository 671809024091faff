import type { Request } from 'express';
import { ValidationError } from '../shared/errors.js';

/** A short token-like query value (id, code, period key), or undefined when absent. */
export function token(req: Request, name: string, required = false): string | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ValidationError('QUERY_PARAM_REQUIRED', `Query parameter ${name} is required`, { name });
    return undefined;
  }
  if (typeof raw !== 'string' || !/^[\p{L}\p{N}._:@-]{1,200}$/u.test(raw)) {
    throw new ValidationError('QUERY_PARAM_INVALID', `Query parameter ${name} is malformed`, { name });
  }
  return raw;
}

/** An ISO date-time (or date) query value. */
export function instant(req: Request, name: string, fallback?: Date): Date | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return fallback;
  const d = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime()))
    throw new ValidationError('QUERY_TIME_INVALID', `Query parameter ${name} must be an ISO 8601 time`, { name });
  return d;
}

export function limit(req: Request, fallback: number, max: number): number {
  const raw = req.query.limit;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ValidationError('LIMIT_INVALID', `limit must be an integer from 1 to ${max}`, { max });
  return n;
}
