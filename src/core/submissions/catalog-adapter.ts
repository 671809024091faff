import { AppError } from '../../shared/errors.js';
import type { SubmissionCatalog } from './ports.js';

/**
 * Adapts `ctx.services.core` (core-catalog: org tree, forms, regimes, assignments, scope) to
 * the small port submissions need. Until the catalog publishes its services, starting the
 * module without an explicit catalog is a wiring error.
 */
export function catalogFromCore(core: unknown): SubmissionCatalog {
  if (!core) {
    throw new AppError('SUBMISSIONS_CATALOG_MISSING', 'submissionsModule needs coreModule (ctx.services.core) to start before it', 500);
  }
  throw new AppError('SUBMISSIONS_CATALOG_UNSUPPORTED', 'ctx.services.core does not expose the catalog submissions need', 500);
}
