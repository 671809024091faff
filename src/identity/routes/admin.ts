import { Router, type Request } from 'express';
import { principalOf } from '../../http/principal.js';
import { validateBody } from '../../http/validate.js';
import { ValidationError } from '../../shared/errors.js';
import { withApprovalDeadline } from '../approval-deadline.js';
import type { IdentityServices } from '../services.js';
import type { MinistryClient, UserStatus } from '../types.js';

const schema = (name: string) => `https://lienthong.gov.vn/contracts/api/identity/${name}.schema.json`;
const STATUSES: UserStatus[] = ['active', 'pending', 'disabled'];
const idOf = (req: Request) => String(req.params.id);

/** A client as the API shows it: the key is public, but there is no reason to echo it in lists. */
function presentClient(c: MinistryClient) {
  const { publicKeyPem: _key, ...rest } = c;
  return rest;
}

/** User and ministry-client administration under /api/v1 (admin, within the admin's org subtree). */
export function adminRouter(identity: IdentityServices): Router {
  const r = Router();

  r.get('/users', async (req, res) => {
    const status = typeof req.query.status === 'string' && req.query.status ? req.query.status : undefined;
    if (status && !STATUSES.includes(status as UserStatus))
      throw new ValidationError('STATUS_UNKNOWN', `Unknown status ${status}`, { allowed: STATUSES });
    const users = await identity.users.list(principalOf(req), { status: status as UserStatus | undefined });
    const now = identity.now();
    res.json({ users: users.map((u) => withApprovalDeadline(u, now)) });
  });

  // Before /users/:id, which would take "locked" for an id.
  r.get('/users/locked', async (req, res) => {
    res.json({ accounts: await identity.users.locked(principalOf(req)) });
  });

  r.get('/users/:id', async (req, res) => {
    res.json(await identity.users.get(principalOf(req), idOf(req)));
  });

  r.post('/users', validateBody(schema('create-user')), async (req, res) => {
    res.status(201).json(await identity.users.create(principalOf(req), req.body));
  });

  r.patch('/users/:id', validateBody(schema('update-user')), async (req, res) => {
    res.json(await identity.users.update(principalOf(req), idOf(req), req.body));
  });

  r.post('/users/:id/disable', validateBody(schema('disable-user')), async (req, res) => {
    res.json(await identity.users.disable(principalOf(req), idOf(req), req.body.reason, req.body.note));
  });

  r.post('/users/:id/unlock', async (req, res) => {
    res.json(await identity.users.unlock(principalOf(req), idOf(req)));
  });

  r.post('/users/:id/approve', validateBody(schema('approve-user')), async (req, res) => {
    res.json(await identity.users.approve(principalOf(req), idOf(req), req.body));
  });

  r.get('/clients', async (req, res) => {
    res.json({ clients: (await identity.clients.list(principalOf(req))).map(presentClient) });
  });

  r.post('/clients', validateBody(schema('create-client')), async (req, res) => {
    res.status(201).json(presentClient(await identity.clients.register(principalOf(req), req.body)));
  });

  r.post('/clients/:id/disable', validateBody(schema('disable-client')), async (req, res) => {
    res.json(presentClient(await identity.clients.disable(principalOf(req), idOf(req), req.body.note)));
  });

  return r;
}
