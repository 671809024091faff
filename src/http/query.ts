import type { Request } from 'express';
import { ValidationError } from '../shared/errors.js';

/** A single non-empty query parameter, or undefined (repeated parameters are refused). */
export function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new ValidationError('QUERY_INVALID', `Query parameter ${name} must be given once`, { name });
  return v;
}

/** A query parameter restricted to known values. */
export function queryEnum<T extends string>(req: Request, name: string, allowed: readonly T[]): T | undefined {
  const v = queryString(req, name);
  if (v !== undefined && !allowed.includes(v as T)) {
    throw new ValidationError('QUERY_INVALID', `Query parameter ${name} must be one of ${allowed.join(', ')}`, { name, allowed });
  }
  return v as T | undefined;
}

/** An ISO calendar date (YYYY-MM-DD) that exists, e.g. ?on=2025-06-30. */
export function queryDate(req: Request, name: string): string | undefined {
  const v = queryString(req, name);
  if (v === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const probe = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !probe || probe.getUTCDate() !== Number(m[3]) || probe.getUTCMonth() !== Number(m[2]) - 1) {
    throw new ValidationError('QUERY_INVALID', `Query parameter ${name} must be a date (YYYY-MM-DD)`, { name });
  }
  return v;
}

export function queryBoolean(req: Request, name: string): boolean | undefined {
  const v = queryEnum(req, name, ['true', 'false'] as const);
  return v === undefined ? undefined : v === 'true';
}

/** Route parameter as a string (express 5 types params loosely). */
export function param(req: Request, name: string): string {
  return String(req.params[name]);
}
