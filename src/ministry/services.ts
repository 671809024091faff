import type { MappingRegistry } from '../exchange/mapping/loader.js';
import type { FileImportService } from './files/file-import-service.js';
import type { MinistryImportService } from './import-service.js';

/** `ctx.services.ministry`: inbound import, connectors, reconciliation (docs/ministry.md). */
export interface MinistryServices {
  imports: MinistryImportService;
  files: FileImportService;
  mappings: MappingRegistry;
}
