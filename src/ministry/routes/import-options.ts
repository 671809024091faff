import type { Request } from 'express';
import { queryBoolean, queryString } from '../../http/query.js';
import { ValidationError } from '../../shared/errors.js';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_STRATEGIES, type ImportOptions, type ImportStrategy } from '../types.js';

/** ?dryRun=true&atomic=false&importStrategy=CREATE (importStrategy may also be lower-case). */
export function importOptionsOf(req: Request): ImportOptions {
  const strategy = queryString(req, 'importStrategy')?.toUpperCase() as ImportStrategy | undefined;
  if (strategy !== undefined && !IMPORT_STRATEGIES.includes(strategy)) {
    throw new ValidationError('QUERY_INVALID', `Query parameter importStrategy must be one of ${IMPORT_STRATEGIES.join(', ')}`, {
      name: 'importStrategy',
      allowed: IMPORT_STRATEGIES,
    });
  }
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
  return new ValidationError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Content-Type ${got || '(none)'} is not accepted; use ${allowed.join(' or ')}`,
    { got, allowed },
    415,
  );
}
