import express, { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryEnum, queryString } from '../../http/query.js';
import type { Database } from '../../store/database.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { FileImportService } from '../files/file-import-service.js';
import { CSV_TYPE, XLSX_TYPE, formatOfMediaType } from '../files/tabular.js';
import type { ImportProgress } from '../progress.js';
import { findImport } from '../store/import-repository.js';
import { importOptionsOf, mediaTypeOf, unsupportedMediaType } from './import-options.js';

/**
 * POST /imports?kind=values|indicators&source=..: a CSV or xlsx file as the raw body; answers
 * 202 with the import id. GET /imports/:id: status, progress (processed/total), then the summary.
 */
export function importRouter(files: FileImportService, db: Database, progress: ImportProgress, fileLimit: string): Router {
  const r = Router();
  r.post('/imports', express.raw({ type: [CSV_TYPE, 'application/csv', XLSX_TYPE], limit: fileLimit }), async (req, res) => {
    const principal = principalOf(req);
    const kind = queryEnum(req, 'kind', ['values', 'indicators'] as const) ?? 'values';
    const options = importOptionsOf(req);
    const media = mediaTypeOf(req);
    const format = formatOfMediaType(media);
    if (!format) throw unsupportedMediaType(media, [CSV_TYPE, XLSX_TYPE]);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const started = await files.start(principal, { kind, format, bytes, source: queryString(req, 'source'), options });
    // The outcome (summary or failure) is recorded on the import; nobody awaits it here.
    started.done.catch(() => undefined);
    res
      .status(202)
      .location(`${req.baseUrl}/imports/${started.importId}`)
      .json({ importId: started.importId, status: 'running', total: started.total });
  });

  r.get('/imports/:id', async (req, res) => {
    const principal = principalOf(req);
    const record = await findImport(db, param(req, 'id'));
    if (!record) throw new NotFoundError('IMPORT_NOT_FOUND', `No import ${param(req, 'id')}`, { id: param(req, 'id') });
    if (record.createdBy !== principal.id && !principal.roles.includes('admin')) {
      throw new ForbiddenError('IMPORT_FORBIDDEN', 'Only the importer or an administrator may read this import');
    }
    const live = progress.get(record.id);
    res.json({ ...record, ...(live && record.status === 'running' ? { processed: live.processed, total: live.total } : {}) });
  });
  return r;
}
