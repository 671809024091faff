import { Router, type Request, type Response } from 'express';
import { principalOf } from '../http/principal.js';
import { ValidationError } from '../shared/errors.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { FileLimits } from '../ministry/files/file-limits.js';
import { blankTemplate, readFilledTemplate } from './form-xlsx.js';
import { listTemplate, readFilledList } from './list-xlsx.js';
import type { TemplateRequest } from './workbook-file.js';
import { reportWorkbook } from './report-xlsx.js';
import type { PublicationService, PublishedSet } from './publication.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A filled form is a few kilobytes; the cap keeps a wrong file from being parsed at length. */
const MAX_XLSX_BYTES = 2 * 1024 * 1024;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line per unit × indicator, one column per form column (UTF-8 with BOM so Excel reads Vietnamese). */
export function publishedCsv(set: PublishedSet): string {
  const head = ['Đơn vị', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị tính', ...set.columns.map((c) => c.label)];
  const lines = [head.map(csvCell).join(',')];
  const value = new Map(set.values.map((v) => [`${v.orgUnitId}|${v.indicatorCode}|${v.columnCode}`, v.value]));
  for (const u of set.units) {
    for (const r of set.rows) {
      lines.push(
        [u.name, r.indicatorCode, r.label, r.unit, ...set.columns.map((c) => value.get(`${u.id}|${r.indicatorCode}|${c.code}`) ?? null)]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function keyOf(req: Request): { periodKey: string; formCode: string } {
  const periodKey = str(req.params.periodKey ?? req.body?.periodKey);
  const formCode = str(req.params.formCode ?? req.body?.formCode);
  if (!periodKey || !formCode) throw new ValidationError('REQUEST_INVALID', 'periodKey and formCode are required');
  return { periodKey, formCode };
}

function templateRequest(req: Request, now: Date): TemplateRequest {
  const periodKey = str(req.query.period);
  if (!periodKey) throw new ValidationError('REQUEST_INVALID', 'Query parameter period is required');
  return { principal: principalOf(req), formCode: str(req.params.code), periodKey, now };
}

/** The uploaded workbook of a read route: JSON `{fileBase64}`, within the size cap. */
function uploaded(req: Request): Buffer {
  const bytes = Buffer.from(str(req.body?.fileBase64), 'base64');
  if (bytes.length === 0) throw new ValidationError('XLSX_INVALID', 'fileBase64 is required');
  if (bytes.length > MAX_XLSX_BYTES) throw new ValidationError('BODY_TOO_LARGE', 'The file is larger than 2 MB', {}, 413);
  return bytes;
}

/** `/api/v1/app`: admin publication of approved figures; a report as xlsx, the form's blank xlsx template (grid or list) and reading a filled one back. */
export function appApiRouter(
  publication: PublicationService,
  deps: { core: CoreServices; submissions: SubmissionsServices; now: () => Date; limits?: FileLimits },
): Router {
  const r = Router();
  const sendXlsx = (res: Response, file: { fileName: string; bytes: Buffer }) =>
    res.type(XLSX_TYPE).set('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes);
  r.get('/submissions/:id/export.xlsx', async (req, res) => {
    sendXlsx(res, await reportWorkbook(deps, principalOf(req), str(req.params.id), deps.now()));
  });
  r.get('/forms/:code/template.xlsx', async (req, res) => {
    sendXlsx(res, await blankTemplate(deps.core, templateRequest(req, deps.now())));
  });
  r.post('/forms/:code/read-xlsx', async (req, res) => {
    principalOf(req);
    res.json({ values: await readFilledTemplate(deps.core, str(req.params.code), uploaded(req), deps.limits) });
  });
  r.get('/forms/:code/list-template.xlsx', async (req, res) => {
    sendXlsx(res, await listTemplate(deps.core, templateRequest(req, deps.now())));
  });
  r.post('/forms/:code/read-list-xlsx', async (req, res) => {
    principalOf(req);
    res.json(await readFilledList(deps.core, str(req.params.code), uploaded(req), deps.limits));
  });
  r.get('/publications', async (req, res) => {
    principalOf(req);
    res.json({ publications: await publication.list() });
  });
  r.post('/publications', async (req, res) => {
    const { periodKey, formCode } = keyOf(req);
    res.status(201).json(await publication.publish(principalOf(req), periodKey, formCode));
  });
  r.post('/publications/:periodKey/:formCode/withdraw', async (req, res) => {
    const { periodKey, formCode } = keyOf(req);
    await publication.unpublish(principalOf(req), periodKey, formCode);
    res.status(204).end();
  });
  return r;
}

/** `/api/v1/public`: the published figures, no login (Hòa Bình 12.3). */
export function publicApiRouter(publication: PublicationService): Router {
  const r = Router();
  r.get('/figures', async (_req, res) => {
    res.json({ publications: await publication.list() });
  });
  r.get('/figures/:periodKey/:formCode', async (req, res) => {
    const { periodKey, formCode } = keyOf(req);
    res.json(await publication.read(periodKey, formCode));
  });
  r.get('/figures/:periodKey/:formCode/csv', async (req, res) => {
    const { periodKey, formCode } = keyOf(req);
    const set = await publication.read(periodKey, formCode);
    res
      .type('text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="so-lieu-${periodKey}-${formCode}.csv"`)
      .send(publishedCsv(set));
  });
  return r;
}
