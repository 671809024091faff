import { Router, type Request } from 'express';
import { principalOf } from '../http/principal.js';
import { validateBody } from '../http/validate.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { MappingCheckReport } from './mapping/check.js';
import type { ExchangeServices } from './services.js';

const VERIFY_SCHEMA = 'https://lienthong.gov.vn/contracts/national/api/verify-packet.schema.json';

function requireRole(req: Request, roles: string[]): void {
  const p = principalOf(req);
  if (!p.roles.some((r) => roles.includes(r))) {
    throw new ForbiddenError('ROLE_FORBIDDEN', `Requires one of: ${roles.join(', ')}`, { roles });
  }
}

/**
 * `/api/v1/exchange/...`: thin routes (auth → validate → service → JSON).
 * `checkMappings` is computed by the module against the live catalog.
 */
export function exchangeRouter(
  services: ExchangeServices,
  checkMappings: () => Promise<MappingCheckReport[]>,
  submissions: SubmissionsServices,
): Router {
  const r = Router();
  r.get('/exchange/submissions/:id/approval-signature', async (req, res) => {
    const view = await submissions.service.get(principalOf(req), String(req.params.id));
    if (!view) throw new NotFoundError('SUBMISSION_NOT_FOUND', `No submission ${String(req.params.id)}`);
    const signature = view.submission.signature;
    if (!signature?.trimStart().startsWith('{')) {
      throw new NotFoundError('APPROVAL_SIGNATURE_NOT_FOUND', 'Báo cáo chưa có chữ ký số phê duyệt của lãnh đạo (JAdES)');
    }
    res.json(await services.describeApproval(signature));
  });
  r.post('/exchange/packets/verify', validateBody(VERIFY_SCHEMA), async (req, res) => {
    requireRole(req, ['admin', 'ops', 'clerk']);
    const { body, signature } = req.body as { body: string; signature: string };
    res.json(await services.verifyPacket(body, signature));
  });
  r.get('/exchange/mappings/check', async (req, res) => {
    requireRole(req, ['admin', 'ops']);
    const reports = await checkMappings();
    res.json({ ok: reports.every((x) => x.problems.length === 0), reports });
  });
  return r;
}
