import { Router, type Request } from 'express';
import { principalOf, type Principal, type Role } from '../http/principal.js';
import { validateBody } from '../http/validate.js';
import { ForbiddenError, ValidationError } from '../shared/errors.js';
import type { Database } from '../store/database.js';
import type { AnnouncementService, NewAnnouncement } from './announcements.js';
import { listNotifications } from './records.js';

const ANNOUNCEMENT_SCHEMA = 'https://lienthong.gov.vn/contracts/api/ops/announcement.schema.json';

function requireRole(req: Request, roles: Role[], what: string): Principal {
  const p = principalOf(req);
  if (!p.roles.some((r) => roles.includes(r))) {
    throw new ForbiddenError('OPS_ROLE_FORBIDDEN', `Role ${roles.join(' or ')} required to ${what}`, { required: roles });
  }
  return p;
}

/**
 * `/api/v1/announcements`: every signed-in user reads the banners (console and reporting app);
 * admins create and withdraw them. `/api/v1/ops/notifications`: the record of what was sent.
 */
export function notificationsRouter(announcements: AnnouncementService, db: Database, demoInboxUrl?: string): Router {
  const r = Router();
  r.get('/announcements', async (req, res) => {
    principalOf(req);
    res.json({ announcements: await announcements.current() });
  });
  r.post(
    '/announcements',
    (req, _res, next) => {
      requireRole(req, ['admin'], 'announce maintenance');
      next();
    },
    validateBody(ANNOUNCEMENT_SCHEMA),
    async (req, res) => {
      res.status(201).json(await announcements.create(principalOf(req), req.body as NewAnnouncement));
    },
  );
  r.delete('/announcements/:id', async (req, res) => {
    await announcements.withdraw(requireRole(req, ['admin'], 'withdraw an announcement'), String(req.params.id));
    res.status(204).end();
  });
  r.get('/ops/notifications', async (req, res) => {
    requireRole(req, ['ops', 'admin'], 'view notifications');
    const raw = req.query.limit;
    const limit = raw === undefined ? 100 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new ValidationError('LIMIT_INVALID', 'limit must be an integer from 1 to 500');
    const cursor = typeof req.query.cursor === 'string' && /^\d{1,18}$/.test(req.query.cursor) ? req.query.cursor : undefined;
    res.json({ ...(await listNotifications(db, { limit, before: cursor })), demoInboxUrl: demoInboxUrl ?? null });
  });
  return r;
}
