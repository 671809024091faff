import express, { Router } from 'express';
import { principalOf } from '../../http/principal.js';
import { queryString } from '../../http/query.js';
import { batchFromDocument } from '../inbound/document.js';
import { documentFromXml } from '../inbound/xml-document.js';
import { assertImporter, sourceFor, type MinistryImportService } from '../import-service.js';
import { importOptionsOf, mediaTypeOf, unsupportedMediaType } from './import-options.js';
import type { FileGuard } from '../../scanning/file-guard.js';

/**
 * The bytes a JSON document can carry a payload in: its strings (numbers and booleans cannot).
 * The raw body is already parsed by the shared JSON parser, so its string leaves are scanned.
 */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  return out;
}

const XML_TYPES = ['application/xml', 'text/xml'];

/**
 * POST /ministry/data: a ministry system pushes values (JSON or XML). The summary comes back
 * in the response: 200 when stored (or dry run), 409 when an atomic import was refused for
 * conflicts, so a client that only checks the status still notices.
 */
export function inboundRouter(service: MinistryImportService, xmlLimit: string, guard?: FileGuard): Router {
  const r = Router();
  r.post('/ministry/data', express.text({ type: XML_TYPES, limit: xmlLimit }), async (req, res) => {
    const principal = principalOf(req);
    assertImporter(principal);
    const options = importOptionsOf(req);
    const media = mediaTypeOf(req);
    let input: unknown;
    let format: string;
    if (media === 'application/json') {
      await guard?.assertClean(
        { content: Buffer.from(jsonStrings(req.body).join('\n'), 'utf8'), name: 'ministry-data.json', purpose: 'ministry-data' },
        { actor: principal.id, orgUnitId: principal.orgUnitId },
      );
      input = req.body;
      format = 'json';
    } else if (XML_TYPES.includes(media)) {
      await guard?.assertClean(
        { content: Buffer.from(String(req.body ?? ''), 'utf8'), name: 'ministry-data.xml', purpose: 'ministry-data' },
        { actor: principal.id, orgUnitId: principal.orgUnitId },
      );
      input = await documentFromXml(String(req.body ?? ''));
      format = 'xml';
    } else {
      throw unsupportedMediaType(media, ['application/json', ...XML_TYPES]);
    }
    const { source: declared, batch } = batchFromDocument(input);
    const source = sourceFor(principal, queryString(req, 'source') ?? declared);
    const summary = await service.importValues(principal, source, batch, options, format);
    res.status(summary.status === 'ERROR' ? 409 : 200).json(summary);
  });
  return r;
}
