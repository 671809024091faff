import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../support/demo.js';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import { coreModule } from '../../../src/core/module.js';
import { createSubmissionsModule } from '../../../src/core/submissions/module.js';
import { createGateway, type Gateway } from '../../../src/app/gateway.js';
import type { Principal, Role } from '../../../src/http/principal.js';
import { fakeAuthModule } from '../../support/fake-auth.js';
import { TestSigner } from '../../submissions/support/setup.js';
import type { TestDatabase } from '../../support/databases.js';
import { scanningModule } from '../../../src/app/adapters/scanning-module.js';
import { contractViolations } from '../../support/openapi-conformance.js';

export function user(id: string, roles: Role[], orgUnitId: string): Principal {
  return { kind: 'user', id, displayName: id, roles, orgUnitId };
}

const ministryClient: Principal = {
  kind: 'client',
  id: 'bkhdt',
  displayName: 'Cục Thống kê (Bộ Tài chính)',
  roles: ['ministry_client'],
  orgUnitId: 'lai-chau',
  ministryCode: 'BKHDT',
};

/** Users of the seeded demo province (fixtures/province): two communes directly under it. */
export const users = {
  admin: user('admin', ['admin'], 'lai-chau'),
  entryA: user('entryA', ['data_entry'], 'lc-x-tam-duong'),
  leaderA: user('leaderA', ['leader'], 'lc-x-tam-duong'),
  clerkA: user('clerkA', ['clerk'], 'lc-x-tam-duong'),
  entryB: user('entryB', ['data_entry'], 'lc-x-binh-lu'),
  entryC: user('entryC', ['data_entry'], 'lc-x-phong-tho'),
  leaderC: user('leaderC', ['leader'], 'lc-x-phong-tho'),
  leaderProv: user('leaderProv', ['leader'], 'lai-chau'),
  adminA: user('adminA', ['admin'], 'lc-x-tam-duong'),
  ministry: ministryClient,
};
export type User = keyof typeof users;

export interface Api {
  gw: Gateway;
  call(
    who: User | null,
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** The gateway with the real core and submissions modules (fake auth instead of identity), seeded. */
/** `now` is a fixed instant or a clock the test moves (e.g. 23:59 then 00:01 around a deadline). */
export async function startApi(t: TestDatabase, now: Date | (() => Date), env: Record<string, string> = {}): Promise<Api> {
  const gw = await createGateway({
    config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', SEED_DEMO: 'true', DEMO_PASSWORD, ...env }),
    db: t.db,
    now: typeof now === 'function' ? now : () => now,
    modules: [fakeAuthModule(users), scanningModule, coreModule, createSubmissionsModule({ signer: new TestSigner() })],
  });
  const server = await gw.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return {
    gw,
    async call(who, method, path, body, contentType = 'application/json') {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': contentType, ...(who ? { 'x-test-user': who } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const parsed = (await res.json()) as Record<string, unknown>;
      // Every documented answer is the one the OpenAPI document promises.
      expect(contractViolations(method, `/api/v1${path}`, res.status, parsed, { documentedOnly: true })).toEqual([]);
      return { status: res.status, body: parsed };
    },
  };
}
