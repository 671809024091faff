import { Router, type Request } from 'express';
import { principalOf } from '../../http/principal.js';
import { validateBody } from '../../http/validate.js';
import { ValidationError } from '../../shared/errors.js';
import { assertRoles } from './context.js';
import type { Span, SpanKind } from './queries/timeliness.js';
import type { SubmissionService } from './service.js';
import { SUBMISSION_STATES, type SubmissionState, type WorkflowAction } from './types.js';

const schema = (name: string) => `https://lienthong.gov.vn/contracts/api/submissions/${name}.schema.json`;

const idOf = (req: Request): string => String(req.params.id);

/** URL segment → workflow action (`POST /api/v1/submissions/:id/<segment>`). */
const ACTION_ROUTES: Record<string, { action: WorkflowAction; schema: string }> = {
  submit: { action: 'submit', schema: 'transition' },
  approve: { action: 'approve', schema: 'transition' },
  return: { action: 'return', schema: 'transition' },
  dispatch: { action: 'dispatch', schema: 'transition' },
  accept: { action: 'accept', schema: 'transition' },
  recall: { action: 'recall', schema: 'transition' },
  'request-correction': { action: 'request_correction', schema: 'request-correction' },
};

const optional = (req: Request, name: string): string | undefined =>
  typeof req.query[name] === 'string' && req.query[name] ? (req.query[name] as string) : undefined;

const SPAN_KINDS: readonly SpanKind[] = ['month', 'quarter', 'half_year', 'year'];

/** `?span=month|quarter|half_year|year&year=2027&index=N` (index: month, quarter or half). */
function spanOf(req: Request): Span {
  const kind = optional(req, 'span') as SpanKind | undefined;
  if (!kind || !SPAN_KINDS.includes(kind)) {
    throw new ValidationError('TIMELINESS_SPAN_INVALID', 'Tham số span phải là month, quarter, half_year hoặc year', {
      allowed: SPAN_KINDS,
    });
  }
  const index = optional(req, 'index');
  return { kind, year: Number(optional(req, 'year')), ...(index !== undefined ? { index: Number(index) } : {}) };
}

/** Thin routes: auth → validate → one service call → JSON. Mounted under /api/v1. */
export function submissionsRouter(service: SubmissionService): Router {
  const r = Router();

  r.post('/submissions', validateBody(schema('create-submission')), async (req, res) => {
    res.status(201).json(await service.create(principalOf(req), req.body));
  });

  r.get('/submissions', async (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' && req.query[name] ? (req.query[name] as string) : undefined);
    const state = q('state');
    if (state && !SUBMISSION_STATES.includes(state as SubmissionState)) {
      throw new ValidationError('STATE_UNKNOWN', `Unknown state ${state}`, { allowed: SUBMISSION_STATES });
    }
    const limit = Math.min(Math.max(Number(q('limit') ?? 100) || 100, 1), 500);
    const filter = {
      periodKey: q('periodKey'),
      orgUnitId: q('orgUnitId'),
      formCode: q('formCode'),
      state: state as SubmissionState | undefined,
      limit,
    };
    res.json({ submissions: await service.list(principalOf(req), filter) });
  });

  r.get('/submissions/timeliness', async (req, res) => {
    const principal = principalOf(req);
    assertRoles(principal, ['admin', 'ops', 'leader'], 'view timeliness');
    const periodKey = typeof req.query.periodKey === 'string' ? req.query.periodKey : '';
    if (!periodKey) throw new ValidationError('PERIOD_KEY_REQUIRED', 'Query parameter periodKey is required');
    const regimeCode = typeof req.query.regimeCode === 'string' && req.query.regimeCode ? req.query.regimeCode : undefined;
    res.json(await service.timeliness(periodKey, regimeCode, principal));
  });

  r.get('/submissions/timeliness/summary', async (req, res) => {
    const principal = principalOf(req);
    assertRoles(principal, ['admin', 'ops', 'leader'], 'view timeliness');
    res.json(await service.timelinessOver(spanOf(req), optional(req, 'regimeCode'), principal));
  });

  r.get('/submissions/timeliness.xlsx', async (req, res) => {
    const principal = principalOf(req);
    assertRoles(principal, ['admin', 'ops', 'leader'], 'export timeliness');
    const file = await service.timelinessWorkbook(spanOf(req), optional(req, 'regimeCode'), principal);
    res.set({
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${file.fileName}"`,
    });
    res.send(file.bytes);
  });

  r.get('/submissions/:id', async (req, res) => {
    res.json(await service.get(principalOf(req), idOf(req)));
  });

  r.get('/submissions/:id/history', async (req, res) => {
    res.json({ transitions: await service.history(principalOf(req), idOf(req)) });
  });

  r.get('/submissions/:id/cells', async (req, res) => {
    res.json(await service.cellTrail(principalOf(req), idOf(req)));
  });

  r.post('/submissions/:id/cells/comments', validateBody(schema('cell-comment')), async (req, res) => {
    res.status(201).json(await service.commentCell(principalOf(req), idOf(req), req.body));
  });

  r.get('/submissions/:id/attachments/:attachmentId', async (req, res) => {
    const a = await service.attachment(principalOf(req), idOf(req), String(req.params.attachmentId));
    res.set({
      'content-type': a.mediaType,
      'x-content-sha256': a.sha256,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`,
    });
    res.send(a.content);
  });

  r.put('/submissions/:id/values', validateBody(schema('save-values')), async (req, res) => {
    res.json(await service.saveValues(principalOf(req), idOf(req), req.body.values));
  });

  r.put('/submissions/:id/records', validateBody(schema('save-records')), async (req, res) => {
    res.json(await service.saveRecords(principalOf(req), idOf(req), req.body.records));
  });

  r.put('/submissions/:id/narrative', validateBody(schema('save-narrative')), async (req, res) => {
    res.json(await service.saveNarrative(principalOf(req), idOf(req), req.body));
  });

  r.post('/submissions/:id/consolidate', async (req, res) => {
    res.json(await service.consolidate(principalOf(req), idOf(req)));
  });

  for (const [segment, { action, schema: name }] of Object.entries(ACTION_ROUTES)) {
    r.post(`/submissions/:id/${segment}`, validateBody(schema(name)), async (req, res) => {
      res.json(await service.transition(principalOf(req), idOf(req), action, req.body ?? {}));
    });
  }
  return r;
}
