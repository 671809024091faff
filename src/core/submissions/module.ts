import type { CoreServices } from '../core-services.js';
import type { GatewayModule } from '../../gateway/module.js';
import type { ScanningServices } from '../../scanning/services.js';
import { catalogFromCore } from './catalog-adapter.js';
import { DispatchListeners } from './dispatch-listeners.js';
import type { AccountNames, ReportSigner, SubmissionCatalog } from './ports.js';
import { submissionsRouter } from './routes.js';
import type { SubmissionsServices } from './services.js';

export type { SubmissionsServices } from './services.js';
import { SubmissionService } from './service.js';
import { UnsignedDevSigner } from './signer.js';
import { approvedValues } from './queries/approved-values.js';

export interface SubmissionsModuleOptions {
  /** Replaces the core-catalog adapter (tests). */
  catalog?: SubmissionCatalog;
  /** A fixed signer, never replaced by exchange's (tests). */
  signer?: ReportSigner;
}

type Provides = { submissions: SubmissionsServices };
type WithCore = { core: CoreServices; scanning: ScanningServices };

const DEFAULT_MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

/** With a catalog of its own (tests), submissions needs no core. */
export function createSubmissionsModule(
  options: SubmissionsModuleOptions & { catalog: SubmissionCatalog },
): GatewayModule<{ scanning: ScanningServices }, Provides>;
export function createSubmissionsModule(options?: SubmissionsModuleOptions): GatewayModule<WithCore, Provides>;
export function createSubmissionsModule(options: SubmissionsModuleOptions = {}): GatewayModule<WithCore, Provides> {
  const fixed = options.catalog;
  return {
    name: 'submissions',
    // Typed as WithCore for the implementation; with a fixed catalog the overload above drops core.
    requires: (fixed ? { scanning: true } : { core: true, scanning: true }) as GatewayModule<WithCore, Provides>['requires'],
    provides: { submissions: true },
    async init(ctx) {
      const catalog = fixed ?? catalogFromCore(ctx.services.core);
      const listeners = new DispatchListeners();
      // The signer in force at the moment of signing: the fixed one, else the one exchange binds, else the placeholder.
      let signer: ReportSigner = options.signer ?? new UnsignedDevSigner();
      let accountNames: AccountNames | null = null;
      const service = new SubmissionService({
        db: ctx.db,
        catalog,
        signer: () => signer,
        accountNames: () => accountNames,
        now: ctx.now,
        listeners,
        // Validated once by the settings schema (src/settings/areas.ts), never parsed again here.
        maxAttachmentBytes: ctx.config.settings.SUBMISSION_ATTACHMENT_MAX_BYTES ?? DEFAULT_MAX_ATTACHMENT_BYTES,
        outlierCommentRequired: ctx.config.settings.OUTLIER_COMMENT_REQUIRED,
        lockAtDeadline: ctx.config.settings.ENTRY_LOCK_AT_DEADLINE,
        fileGuard: ctx.services.scanning.guard,
      });
      const services: SubmissionsServices = {
        service,
        approvedValues: approvedValues(ctx.db),
        useSigner: (next) => {
          if (!options.signer) signer = next;
        },
        useAccountNames: (names) => {
          accountNames = names;
        },
        onDispatched: (listener) => listeners.register(listener),
        onRecalled: (listener) => listeners.recalled.register(listener),
        onReportStatus: (listener) => listeners.status.register(listener),
        recordNationalOutcome: (id, outcome) => service.recordNationalOutcome(id, outcome),
        markAcceptedByReceiver: (id, receipt) => service.markAcceptedByReceiver(id, receipt),
      };
      return { services: { submissions: services }, routers: [{ path: '/api/v1', router: submissionsRouter(service) }] };
    },
  };
}

/** Submissions and the workflow; starts right after `coreModule`. */
export const submissionsModule = createSubmissionsModule();
