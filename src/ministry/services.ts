import type { MappingRegistry } from '../exchange/mapping/loader.js';
import type { ConnectorService } from './connectors/connector-service.js';
import type { FormExportService } from './export/export-service.js';
import type { FileImportService } from './files/file-import-service.js';
import type { MinistryImportService } from './import-service.js';
import type { ImportProgress } from './progress.js';
import type { ReconcileService } from './reconciliation/reconcile-service.js';

/** `ctx.services.ministry`: inbound import, connectors, reconciliation (docs/ministry.md). */
export interface MinistryServices {
  imports: MinistryImportService;
  /** Live progress of running imports (CLI progress bar, GET /imports/:id). */
  progress: ImportProgress;
  files: FileImportService;
  exporter: FormExportService;
  reconciler: ReconcileService;
  connectors: ConnectorService;
  mappings: MappingRegistry;
}
