import type { CoreServices } from '../../core/core-services.js';
import type { Principal } from '../../http/principal.js';
import { sourceFor, type MinistryImportService } from '../import-service.js';
import type { ImportOptions, ImportSummary } from '../types.js';
import { importIndicatorRecords } from './indicator-file.js';
import type { TabularFormat } from './tabular.js';
import { readTabularBounded } from './bounded-read.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './file-limits.js';
import { batchFromValueRecords } from './values-file.js';
import type { FileGuard } from '../../scanning/file-guard.js';

export type FileImportKind = 'values' | 'indicators';

export interface FileImportRequest {
  kind: FileImportKind;
  format: TabularFormat;
  bytes: Buffer;
  /** Values: the source ministry (ministry clients: their own). */
  source?: string;
  options: ImportOptions;
}

/** A started import: its id at once, the summary when it finishes (failures are recorded too). */
export interface StartedImport {
  importId: string;
  total: number;
  done: Promise<ImportSummary>;
}

/**
 * Bulk imports of catalogs and values from CSV/xlsx. The file is read before answering (a
 * malformed file is refused at once); the import itself runs after, so a caller polls
 * GET /imports/:id (progress, then the summary) and the CLI draws a progress bar.
 */
export class FileImportService {
  constructor(
    private readonly imports: MinistryImportService,
    private readonly core: CoreServices,
    private readonly guard?: FileGuard,
    private readonly limits: FileLimits = DEFAULT_FILE_LIMITS,
  ) {}

  async start(principal: Principal, req: FileImportRequest): Promise<StartedImport> {
    // Scanned before anything reads it: an infected file is refused with nothing recorded.
    await this.guard?.assertClean(
      { content: req.bytes, name: `import.${req.format}`, purpose: `ministry-import-${req.kind}` },
      { actor: principal.id, orgUnitId: principal.orgUnitId },
    );
    if (req.kind === 'indicators') {
      this.core.scope.assertRole(principal, 'admin');
      const records = await readTabularBounded(req.bytes, req.format, this.limits);
      const importId = await this.imports.begin(principal, 'catalog', 'indicators', req.format, req.options, records.length);
      const done = this.imports.track(
        principal,
        importId,
        async () => {
          const { counts, conflicts } = await importIndicatorRecords(this.core, records, req.options);
          return { source: 'catalog', total: records.length, counts, conflicts };
        },
        req.options,
      );
      return { importId, total: records.length, done };
    }
    const source = sourceFor(principal, req.source);
    this.imports.mappingFor(source);
    const batch = batchFromValueRecords(await readTabularBounded(req.bytes, req.format, this.limits));
    const importId = await this.imports.begin(principal, source, 'values', req.format, req.options, batch.rows.length);
    const done = this.imports.importValues(principal, source, batch, req.options, req.format, importId);
    return { importId, total: batch.rows.length, done };
  }
}
