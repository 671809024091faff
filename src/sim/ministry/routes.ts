import { randomUUID, timingSafeEqual } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { MinistrySimStore, SimObservation, SimPeriod } from './store.js';

export interface MinistrySimOptions {
  ministryCode: string;
  /** Bearer token (or X-API-Key) callers must present. */
  token: string;
  store: MinistrySimStore;
  now: () => Date;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `Authorization: Bearer <token>` or `X-API-Key: <token>`; anything else is 401 like a real system. */
function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const given = bearer ?? req.get('x-api-key');
    if (!given || !sameSecret(given, token)) {
      res.status(401).json({ code: 'SIM_UNAUTHORIZED', message: 'Thiếu hoặc sai mã truy cập (Bearer / X-API-Key)' });
      return;
    }
    next();
  };
}

function periodOf(req: Request): SimPeriod | undefined {
  const { kind, year, index } = req.query;
  if (typeof kind !== 'string' || typeof year !== 'string' || !/^\d{4}$/.test(year)) return undefined;
  if (index !== undefined && (typeof index !== 'string' || !/^\d{1,2}$/.test(index))) return undefined;
  return { kind, year: Number(year), ...(index ? { index: Number(index) } : {}) };
}

/** The ministry's API: GET /api/values?kind=&year=&index= (pull), POST /api/values (push). */
export function ministrySimApiRouter(o: MinistrySimOptions): Router {
  const r = Router();
  r.use('/api', requireToken(o.token));
  r.get('/api/values', (req, res) => {
    const period = periodOf(req);
    if (!period) {
      res.status(400).json({ code: 'SIM_PERIOD_INVALID', message: 'Query needs kind, year (YYYY) and, for months/quarters, index' });
      return;
    }
    res.json({ packetType: 'kpi-data', source: o.ministryCode, payload: { period, observations: o.store.get(period) } });
  });
  r.post('/api/values', express.json({ limit: '20mb' }), (req, res) => {
    const body = req.body as { packetType?: string; payload?: { rows?: unknown[]; observations?: unknown[] } } | undefined;
    const rows = body?.payload?.rows ?? body?.payload?.observations;
    if (!body?.packetType || !Array.isArray(rows)) {
      res.status(400).json({ code: 'SIM_BODY_INVALID', message: 'Expected {packetType, payload: {rows|observations: [...]}}' });
      return;
    }
    // Like a careful receiver: a repeat under the same Idempotency-Key gets the first answer, stored once.
    const key = req.get('idempotency-key') || undefined;
    const seen = key ? o.store.byKey(key) : undefined;
    if (seen) {
      res.status(200).json({ id: seen.id, received: seen.rows });
      return;
    }
    const push = {
      id: randomUUID(),
      ...(key ? { idempotencyKey: key } : {}),
      receivedAt: o.now().toISOString(),
      packetType: body.packetType,
      rows: rows.length,
      body,
    };
    o.store.receive(push);
    res.status(201).json({ id: push.id, received: rows.length });
  });
  return r;
}

/** Test/demo control: what was pushed (GET /_sim/received) and what to serve (PUT /_sim/values). */
export function ministrySimControlRouter(o: MinistrySimOptions): Router {
  const r = Router();
  r.get('/_sim/received', (_req, res) => {
    res.json({ received: o.store.received });
  });
  r.get('/_sim/values', (_req, res) => {
    res.json({ periods: o.store.periods().map((p) => ({ period: p, observations: o.store.get(p) })) });
  });
  r.put('/_sim/values', (req, res) => {
    const body = req.body as { period?: SimPeriod; observations?: SimObservation[] } | undefined;
    if (!body?.period || typeof body.period.kind !== 'string' || !Number.isInteger(body.period.year) || !Array.isArray(body.observations)) {
      res.status(400).json({ code: 'SIM_BODY_INVALID', message: 'Expected {period: {kind, year, index?}, observations: [...]}' });
      return;
    }
    o.store.set(body.period, body.observations);
    res.json({ period: body.period, observations: body.observations.length });
  });
  return r;
}
