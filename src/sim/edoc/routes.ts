import { Router, type Request, type Response } from 'express';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { readEdoc, readStatus } from './edxml-reader.js';
import { SignatureRefused, type SignatureCheck } from './signature-check.js';
import { edocTimestamp, statusXml } from './status-xml.js';
import type { EdocInbox, HeldDocument } from './inbox.js';
import type { EdocSimulatorSettings } from './settings.js';

export interface EdocRouteDeps {
  inbox: EdocInbox;
  settings: EdocSimulatorSettings;
  /** null when no trusted certificate is configured: every document is then refused. */
  verifier: SignatureCheck | null;
  now: () => Date;
}

function xmlBody(req: Request): string {
  if (typeof req.body !== 'string' || req.body.length === 0) {
    throw new ValidationError('EDOC_BODY_REQUIRED', 'Send the edXML as the body with Content-Type application/xml');
  }
  return req.body;
}

function heldOr404(inbox: EdocInbox, docId: unknown): HeldDocument {
  const held = typeof docId === 'string' ? inbox.get(docId) : undefined;
  if (!held) throw new NotFoundError('EDOC_DOCUMENT_NOT_FOUND', `No document ${String(docId)}`, { docId });
  return held;
}

/**
 * Why a document is refused (02): its signature, a signer that is not the sending organisation
 * (certificate UID ≠ From/OrganId), or the simulated fault.
 */
async function refusal(
  deps: EdocRouteDeps,
  xml: string,
  from: string,
  fault: unknown,
): Promise<{ reason: string } | { signedXml: string; signer: string }> {
  if (fault === 'reject-signature') return { reason: 'Chữ ký số không hợp lệ (lỗi mô phỏng reject-signature)' };
  if (!deps.verifier) return { reason: 'Chưa cấu hình chứng thư số tin cậy (SIM_EDOC_TRUSTED_CERTS)' };
  try {
    const { signedXml, subject, orgCode } = deps.verifier.verify(xml);
    if (orgCode && orgCode !== from) {
      return { reason: `EDXML_SIGNER_MISMATCH: chứng thư số của ${orgCode} nhưng văn bản gửi từ ${from}` };
    }
    return { signedXml, signer: subject };
  } catch (err) {
    if (err instanceof SignatureRefused) return { reason: `Chữ ký số không hợp lệ: ${err.code} ${err.message}` };
    throw err;
  }
}

/** The document exchange axis API the channel calls (VXP pattern; docs/edoc.md). */
export function edocRoutes(deps: EdocRouteDeps): Router {
  const r = Router();
  const { inbox, settings } = deps;
  const answer = (res: Response, held: HeldDocument) =>
    res.type('application/xml').send(statusXml(inbox.statusMessage(held, settings.organ)));

  r.post('/sendEdoc', async (req, res) => {
    const xml = xmlBody(req);
    const received = readEdoc(xml);
    const existing = inbox.get(received.documentId);
    // Idempotent: the same DocumentId sent again gets the current status, unless it was refused.
    if (existing && existing.statuses.every((s) => s.statusCode !== '02')) return void answer(res, existing);
    const stamp = edocTimestamp(deps.now());
    const outcome = await refusal(deps, xml, received.from.organId, res.locals.fault);
    const document = 'signedXml' in outcome ? readEdoc(outcome.signedXml) : received;
    const held = inbox.hold({
      documentId: received.documentId,
      document,
      xml,
      systemId: String(res.locals.systemId),
      ...('signer' in outcome ? { signer: outcome.signer } : {}),
      receivedAt: deps.now().toISOString(),
      statuses: [],
    });
    if ('reason' in outcome) inbox.record(held, '02', stamp, outcome.reason);
    else inbox.record(held, '01', stamp);
    answer(res, held);
  });

  r.get('/getEdocStatus', (req, res) => {
    const held = heldOr404(inbox, req.query.docId);
    inbox.advance(held, edocTimestamp(deps.now()));
    answer(res, held);
  });

  r.get('/getReceivedEdocList', (req, res) => {
    const organId = typeof req.query.organId === 'string' ? req.query.organId : undefined;
    const data = inbox
      .list()
      .filter((h) => !organId || h.document.to.some((t) => t.organId === organId))
      .map((h) => ({
        docId: h.documentId,
        from: h.document.from.organId,
        subject: h.document.subject,
        statusCode: inbox.current(h).statusCode,
        receivedAt: h.receivedAt,
      }));
    res.json({ status: 'OK', data });
  });

  r.get('/getEdoc', (req, res) => {
    res.type('application/xml').send(heldOr404(inbox, req.query.docId).xml);
  });

  r.post('/updateStatus', async (req, res) => {
    const status = readStatus(xmlBody(req));
    const held = heldOr404(inbox, status.documentId);
    if (inbox.current(held).statusCode === '02') {
      throw new ValidationError(
        'EDOC_STATUS_FINAL',
        `${held.documentId} was refused; its status cannot change`,
        { docId: held.documentId },
        409,
      );
    }
    inbox.record(held, status.statusCode, status.timestamp, status.description || undefined);
    res.json({ status: 'OK', docId: held.documentId, statusCode: status.statusCode });
  });

  r.get('/getAgenciesList', (_req, res) => {
    res.json({ status: 'OK', data: settings.agencies });
  });
  return r;
}

/** Test visibility: `GET /_sim/received` lists every document held with its status history. */
export function edocInspectionRoutes(inbox: EdocInbox): Router {
  const r = Router();
  r.get('/_sim/received', (_req, res) => {
    res.json(
      inbox.list().map((h) => ({
        documentId: h.documentId,
        from: h.document.from,
        to: h.document.to,
        subject: h.document.subject,
        systemId: h.systemId,
        signer: h.signer ?? null,
        receivedAt: h.receivedAt,
        statusCode: inbox.current(h).statusCode,
        statuses: h.statuses,
        attachments: h.document.attachments.map((a) => ({
          contentId: a.contentId,
          contentType: a.contentType,
          name: a.name,
          content: a.content.toString('utf8'),
        })),
      })),
    );
  });
  r.delete('/_sim/received', (_req, res) => {
    inbox.clear();
    res.status(204).end();
  });
  return r;
}
