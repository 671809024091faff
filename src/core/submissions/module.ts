import type { GatewayContext } from '../../gateway/context.js';
import type { GatewayModule } from '../../gateway/module.js';
import { ValidationError } from '../../shared/errors.js';
import { catalogFromCore } from './catalog-adapter.js';
import { DispatchListeners } from './dispatch-listeners.js';
import type { ReportSigner, SubmissionCatalog } from './ports.js';
import { submissionsRouter } from './routes.js';
import type { SubmissionsServices } from './services.js';

export type { SubmissionsServices } from './services.js';
import { SubmissionService } from './service.js';
import { UnsignedDevSigner } from './signer.js';

export interface SubmissionsModuleOptions {
  /** Replaces the core-catalog adapter (tests). */
  catalog?: SubmissionCatalog;
  /** Replaces `ctx.services.exchange.reportSigner` (tests). */
  signer?: ReportSigner;
}

const DEFAULT_MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

function maxAttachmentBytes(ctx: GatewayContext): number {
  const raw = ctx.config.env.SUBMISSION_ATTACHMENT_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_ATTACHMENT_BYTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new ValidationError('CONFIG_INVALID', `SUBMISSION_ATTACHMENT_MAX_BYTES must be a positive integer, got "${raw}"`);
  }
  return n;
}

function isReportSigner(x: unknown): x is ReportSigner {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as ReportSigner).sign === 'function' &&
    typeof (x as ReportSigner).verify === 'function'
  );
}

/**
 * The signer in force at the moment of signing: the exchange area's (registered after this
 * module starts), else the placeholder whose signatures the clerk refuses.
 */
function signerResolver(ctx: GatewayContext, fixed?: ReportSigner): () => ReportSigner {
  const fallback = new UnsignedDevSigner();
  return () => {
    if (fixed) return fixed;
    const exchange: unknown = ctx.services.exchange;
    const candidate = typeof exchange === 'object' && exchange !== null ? (exchange as { reportSigner?: unknown }).reportSigner : undefined;
    return isReportSigner(candidate) ? candidate : fallback;
  };
}

export function createSubmissionsModule(options: SubmissionsModuleOptions = {}): GatewayModule {
  return {
    name: 'submissions',
    async init(ctx) {
      const catalog = options.catalog ?? catalogFromCore(ctx.services.core);
      const listeners = new DispatchListeners();
      const service = new SubmissionService({
        db: ctx.db,
        catalog,
        signer: signerResolver(ctx, options.signer),
        now: ctx.now,
        listeners,
        maxAttachmentBytes: maxAttachmentBytes(ctx),
        ...(ctx.services.scanning ? { fileGuard: ctx.services.scanning.guard } : {}),
      });
      const services: SubmissionsServices = {
        service,
        onDispatched: (listener) => listeners.register(listener),
        onRecalled: (listener) => listeners.recalled.register(listener),
        onReportStatus: (listener) => listeners.status.register(listener),
        recordNationalOutcome: (id, outcome) => service.recordNationalOutcome(id, outcome),
        markAcceptedByReceiver: (id, receipt) => service.markAcceptedByReceiver(id, receipt),
      };
      ctx.services.submissions = services;
      return { routers: [{ path: '/api/v1', router: submissionsRouter(service) }] };
    },
  };
}

/** Submissions and the workflow; starts right after `coreModule`. */
export const submissionsModule = createSubmissionsModule();
