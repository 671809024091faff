import type { Request } from 'express';
import { queryBoolean, queryEnum } from '../../http/query.js';
import { ValidationError } from '../../shared/errors.js';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_STRATEGIES, type ImportOptions } from '../types.js';

/** ?dryRun=true&atomic=false&importStrategy=CREATE (importStrategy may also be lower-case). */
export function importOptionsOf(req: Request): ImportOptions {
  const raw = req.query.importStrategy;
  if (typeof raw === 'string') req.query.importStrategy = raw.toUpperCase();
  const strategy = queryEnum(req, 'importStrategy', IMPORT_STRATEGIES);
  return {
    dryRun: queryBoolean(req, 'dryRun') ?? DEFAULT_IMPORT_OPTIONS.dryRun,
    atomic: queryBoolean(req, 'atomic') ?? DEFAULT_IMPORT_OPTIONS.atomic,
    importStrategy: strategy ?? DEFAULT_IMPORT_OPTIONS.importStrategy,
  };
}

/** The media type without parameters, lower-case. */
export function mediaTypeOf(req: Request): string {
  return (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export function unsupportedMediaType(got: string, allowed: string[]): ValidationError {
  return new ValidationError('UNSUPPORTED_MEDIA_TYPE', `Content-Type ${got || '(none)'} is not accepted; use ${allowed.join(' or ')}`, { got, allowed }, 415);
}
