import { Router, type Request } from 'express';
import { PACKET_STATES, type PacketFilter, type PacketState } from '../delivery/services.js';
import { principalOf, type Principal, type Role } from '../http/principal.js';
import { validateBody } from '../http/validate.js';
import { ForbiddenError, ValidationError } from '../shared/errors.js';
import type { ConsoleService } from './console-service.js';

const REPLAY_SCHEMA = 'https://lienthong.gov.vn/contracts/api/console/replay.schema.json';
const VIEWERS: Role[] = ['ops', 'admin', 'leader'];
const OPERATORS: Role[] = ['ops', 'admin'];

function requireRole(req: Request, roles: Role[], what: string): Principal {
  const principal = principalOf(req);
  if (!principal.roles.some((r) => roles.includes(r))) {
    throw new ForbiddenError('CONSOLE_ROLE_FORBIDDEN', `Role ${roles.join(' or ')} required to ${what}`, { required: roles });
  }
  return principal;
}

/** A short token-like query value (period key, unit id, code), or undefined when absent. */
function param(req: Request, name: string, required = false): string | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') {
    if (required)
      throw new ValidationError(`${name.replace(/([A-Z])/g, '_$1').toUpperCase()}_REQUIRED`, `Query parameter ${name} is required`);
    return undefined;
  }
  if (typeof raw !== 'string' || !/^[\p{L}\p{N}._:-]{1,100}$/u.test(raw)) {
    throw new ValidationError('QUERY_PARAM_INVALID', `Query parameter ${name} is malformed`, { name });
  }
  return raw;
}

function limitOf(req: Request, fallback: number, max: number): number {
  const raw = param(req, 'limit');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ValidationError('LIMIT_INVALID', `limit must be an integer from 1 to ${max}`, { max });
  return n;
}

function packetFilter(req: Request): PacketFilter {
  const state = param(req, 'state');
  if (state && !PACKET_STATES.includes(state as PacketState)) {
    throw new ValidationError('PACKET_STATE_UNKNOWN', `Unknown packet state ${state}`, { allowed: PACKET_STATES });
  }
  return {
    state: state as PacketState | undefined,
    channel: param(req, 'channel'),
    periodKey: param(req, 'periodKey'),
    orgUnitId: param(req, 'orgUnitId'),
    submissionId: param(req, 'submissionId'),
    limit: limitOf(req, 200, 1000),
    cursor: param(req, 'cursor'),
  };
}

/** Thin JSON routes of the console, mounted under /api/v1/console: role → validate → service → JSON. */
export function consoleApiRouter(service: ConsoleService): Router {
  const r = Router();
  r.get('/me', async (req, res) => {
    res.json(await service.me(requireRole(req, VIEWERS, 'open the console')));
  });
  r.get('/overview', async (req, res) => {
    res.json(
      await service.overview(requireRole(req, VIEWERS, 'view the sync status'), param(req, 'periodKey'), param(req, 'reportsCursor')),
    );
  });
  r.get('/attention', async (req, res) => {
    res.json({ rows: await service.attention(requireRole(req, VIEWERS, 'view what needs attention')) });
  });
  r.get('/packets', async (req, res) => {
    const principal = requireRole(req, VIEWERS, 'list packets');
    res.json(await service.packetPage(principal, packetFilter(req)));
  });
  r.get('/packets/:id', async (req, res) => {
    res.json(await service.packet(requireRole(req, VIEWERS, 'view a packet'), String(req.params.id)));
  });
  r.get('/dead-letters', async (req, res) => {
    const principal = requireRole(req, VIEWERS, 'list dead letters');
    res.json({ packets: await service.deadLetters(principal, packetFilter(req)) });
  });
  r.post(
    '/replay',
    (req, _res, next) => {
      requireRole(req, OPERATORS, 're-run packets');
      next();
    },
    validateBody(REPLAY_SCHEMA),
    async (req, res) => {
      res.json(await service.replay(principalOf(req), (req.body as { packetIds: string[] }).packetIds));
    },
  );
  r.get('/errors', async (req, res) => {
    res.json({ errors: await service.errors(requireRole(req, VIEWERS, 'view errors'), limitOf(req, 50, 500)) });
  });
  r.get('/timeliness', async (req, res) => {
    const principal = requireRole(req, VIEWERS, 'view timeliness');
    res.json(await service.timeliness(principal, param(req, 'periodKey', true)!, param(req, 'regimeCode')));
  });
  r.get('/calendar', async (req, res) => {
    const principal = requireRole(req, VIEWERS, 'view the deadline calendar');
    res.json({ days: await service.calendar(principal, param(req, 'periodKey', true)!) });
  });
  r.get('/periods', async (req, res) => {
    requireRole(req, VIEWERS, 'list periods');
    res.json(await service.periods());
  });
  r.get('/units', async (req, res) => {
    res.json({ units: await service.units(requireRole(req, VIEWERS, 'list units')) });
  });
  r.get('/units/:id/indicators', async (req, res) => {
    res.json({ indicators: await service.indicators(requireRole(req, VIEWERS, 'view charts'), String(req.params.id)) });
  });
  r.get('/units/:id/series', async (req, res) => {
    const principal = requireRole(req, VIEWERS, 'view charts');
    res.json({ points: await service.series(principal, String(req.params.id), param(req, 'indicatorCode', true)!) });
  });
  return r;
}
