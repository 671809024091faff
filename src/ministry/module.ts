import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { OutboundSender } from '../delivery/outbound-sender.js';
import type { MappingRegistry } from '../exchange/mapping/loader.js';
import type { GatewayModule } from '../gateway/module.js';
import type { IndicatorAccess } from '../identity/services.js';
import type { ScanningServices } from '../scanning/services.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import type { ConnectorAdapters } from './connectors/endpoint.js';
import { ministryConfigFrom } from './config.js';
import { ConnectorService } from './connectors/connector-service.js';
import { MinistryImportService } from './import-service.js';
import { ReferenceCache } from './inbound/reference-cache.js';
import { ImportProgress } from './progress.js';
import { FormExportService } from './export/export-service.js';
import { FileImportService } from './files/file-import-service.js';
import { fileLimitsFrom } from './files/file-limits.js';
import { ReconcileService } from './reconciliation/reconcile-service.js';
import { importRouter } from './routes/import-routes.js';
import { connectorRouter } from './routes/connector-routes.js';
import { inboundRouter } from './routes/inbound-routes.js';
import { reportRouter } from './routes/report-routes.js';
import type { MinistryServices } from './services.js';

/**
 * Ministry connectors and data import: inbound API for ministry systems, file imports,
 * form export, reconciliation, declarative connectors. Needs the core catalog; uses the
 * exchange area's mappings when it runs, else loads them with the same loader.
 */
export const ministryModule: GatewayModule<
  {
    core: CoreServices;
    submissions: SubmissionsServices;
    mappings: MappingRegistry;
    indicatorAccess: IndicatorAccess;
    scanning: ScanningServices;
    scheduler: JobScheduler;
    connectors: ConnectorAdapters;
    outbound: OutboundSender;
  },
  { ministry: MinistryServices }
> = {
  name: 'ministry',
  requires: {
    core: true,
    submissions: true,
    mappings: true,
    indicatorAccess: true,
    scanning: true,
    scheduler: true,
    connectors: true,
    outbound: true,
  },
  provides: { ministry: true },
  async init(ctx) {
    const config = ministryConfigFrom(ctx.config.settings);
    const { core, mappings, indicatorAccess, scanning, scheduler } = ctx.services;
    const progress = new ImportProgress();
    const imports = new MinistryImportService({
      db: ctx.db,
      core,
      mappings,
      now: ctx.now,
      progress,
      references: new ReferenceCache(core, ctx.config.settings.MINISTRY_REFERENCE_CACHE_MS),
      indicatorFilter: (p) => indicatorAccess.indicatorFilter(p),
    });
    const files = new FileImportService(imports, core, scanning.guard, fileLimitsFrom(ctx.config.settings));
    const exporter = new FormExportService(ctx.services.submissions, core, ctx.now);
    const reconciler = new ReconcileService(ctx.db, core, ctx.services.submissions.approvedValues, imports, ctx.now);
    const connectors = new ConnectorService(ctx.services.connectors.definitions, {
      db: ctx.db,
      core,
      approved: ctx.services.submissions.approvedValues,
      imports,
      adapters: ctx.services.connectors,
      outbound: ctx.services.outbound,
      now: ctx.now,
    });
    const services: MinistryServices = { imports, progress, files, exporter, reconciler, connectors, mappings };
    return {
      services: { ministry: services },
      routers: [
        { path: '/api/v1', router: inboundRouter(imports, config.xmlLimit, scanning.guard) },
        { path: '/api/v1', router: importRouter(files, ctx.db, progress, config.fileLimit) },
        { path: '/api/v1', router: reportRouter(exporter, reconciler) },
        { path: '/api/v1', router: connectorRouter(connectors, core) },
      ],
      health: [{ name: 'ministry-connectors', check: () => connectors.health() }],
      async start() {
        if (config.schedule) await connectors.registerSchedules(scheduler);
      },
      async stop() {
        await connectors.stop();
      },
    };
  },
};
