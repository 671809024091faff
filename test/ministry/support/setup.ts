import { DEMO_PASSWORD } from '../../support/demo.js';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import { coreModule } from '../../../src/core/module.js';
import { createGateway, type Gateway } from '../../../src/app/gateway.js';
import type { AnyModule } from '../../../src/gateway/module.js';
import { mappingsModule } from '../../../src/exchange/mapping/module.js';
import { scanningModule } from '../../../src/app/adapters/scanning-module.js';
import type { Principal, Role } from '../../../src/http/principal.js';
import { ministryModule } from '../../../src/ministry/module.js';
import { submissionsModule } from '../../../src/core/submissions/module.js';
import { fakeAuthModule } from '../../support/fake-auth.js';
import type { TestDatabase } from '../../support/databases.js';
import { connectorsModule } from '../../../src/app/adapters/connectors-module.js';
import { outboxSenderModule } from '../../../src/delivery/outbox-sender-module.js';
import { expect } from 'vitest';
import { contractViolations } from '../../support/openapi-conformance.js';

function principal(id: string, kind: Principal['kind'], roles: Role[], orgUnitId: string, ministryCode?: string): Principal {
  return { kind, id, displayName: id, roles, orgUnitId, ...(ministryCode ? { ministryCode } : {}) };
}

/** Callers of the seeded demo province (fixtures/province). */
export const callers = {
  admin: principal('admin', 'user', ['admin'], 'lai-chau'),
  bnnmt: principal('client-bnnmt', 'client', ['ministry_client'], 'lai-chau', 'BNNMT'),
  /** A BNNMT client allowed only one commune's data. */
  bnnmtTamDuong: principal('client-bnnmt-td', 'client', ['ministry_client'], 'lc-x-tam-duong', 'BNNMT'),
  btc: principal('client-btc', 'client', ['ministry_client'], 'lai-chau', 'BTC'),
  entry: principal('entry', 'user', ['data_entry'], 'lc-x-tam-duong'),
};
export type Caller = keyof typeof callers;

export interface MinistryApi {
  gw: Gateway;
  base: string;
  call(
    who: Caller | null,
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** The gateway with core (seeded demo) and ministry, fake auth instead of identity. */
export async function startMinistryApi(
  t: TestDatabase,
  env: Record<string, string> = {},
  now = new Date('2026-07-20T03:00:00Z'),
  extra: AnyModule[] = [],
): Promise<MinistryApi> {
  // Pushes go through outbound.send: the delivery module's when the test runs the engine, else the outbox alone.
  const sender = extra.some((m) => 'outbound' in m.provides) ? [] : [outboxSenderModule];
  // The form export reads reports through the submissions service.
  const submissions = extra.some((m) => 'submissions' in m.provides) ? [] : [submissionsModule];
  const gw = await createGateway({
    config: loadConfig({
      PORT: '0',
      START_SIMULATORS: 'false',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      MINISTRY_CONNECTORS_SCHEDULE: 'false',
      ...env,
    }),
    db: t.db,
    now: () => now,
    modules: [
      fakeAuthModule(callers),
      scanningModule,
      coreModule,
      ...submissions,
      mappingsModule,
      connectorsModule,
      ...extra,
      ...sender,
      ministryModule,
    ],
  });
  const server = await gw.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return {
    gw,
    base,
    async call(who, method, path, body, contentType = 'application/json') {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': contentType, ...(who ? { 'x-test-user': who } : {}) },
        body:
          body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      // Every answer the contract documents is the one the OpenAPI document promises.
      if (res.headers.get('content-type')?.includes('json'))
        expect(contractViolations(method, `/api/v1${path}`, res.status, parsed, { documentedOnly: true })).toEqual([]);
      return { status: res.status, body: parsed };
    },
  };
}

/** A kpi-data push of BNNMT codes for the province root and half-year 2026. */
export function kpiPush(observations: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    packetType: 'kpi-data',
    payload: {
      period: { kind: '6T', year: 2026 },
      reportingOrg: { orgCode: '000.00.00.H29', name: 'UBND tỉnh Lai Châu' },
      observations,
      ...extra,
    },
  };
}

export async function countValues(t: TestDatabase): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ministry_values');
  return rows[0]!.n;
}
