import { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { param, queryString } from '../../http/query.js';
import { ValidationError } from '../../shared/errors.js';
import type { FormExportService } from '../export/export-service.js';
import type { ReconcileService } from '../reconciliation/reconcile-service.js';
import { XLSX_TYPE } from '../files/tabular.js';

function requiredQuery(req: Parameters<typeof queryString>[0], name: string): string {
  const v = queryString(req, name);
  if (!v) throw new ValidationError('QUERY_INVALID', `Query parameter ${name} is required`, { name });
  return v;
}

/**
 * GET /forms/:code/export.xlsx?period=&orgUnit=, GET /reconciliation?period=&source=&tolerance=,
 * GET /ministry/values?source=&period= (what a source sent, in provincial codes and units).
 */
export function reportRouter(exporter: FormExportService, reconciler: ReconcileService): Router {
  const r = Router();
  r.get('/ministry/values', async (req, res) => {
    const principal = principalOf(req);
    res.json({ values: await reconciler.sourceValues(principal, requiredQuery(req, 'period'), requiredQuery(req, 'source')) });
  });

  r.get('/forms/:code/export.xlsx', async (req, res) => {
    const principal = principalOf(req);
    const { fileName, bytes } = await exporter.exportForm(
      principal,
      param(req, 'code'),
      requiredQuery(req, 'period'),
      queryString(req, 'orgUnit'),
    );
    res.setHeader('content-type', XLSX_TYPE);
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.send(bytes);
  });

  r.get('/reconciliation', async (req, res) => {
    const principal = principalOf(req);
    const raw = queryString(req, 'tolerance');
    const tolerance = raw === undefined ? undefined : Number(raw);
    if (tolerance !== undefined && !(tolerance >= 0))
      throw new ValidationError('QUERY_INVALID', 'tolerance must be a non-negative number', { name: 'tolerance' });
    res.json(await reconciler.report(principal, requiredQuery(req, 'period'), requiredQuery(req, 'source'), tolerance));
  });
  return r;
}
