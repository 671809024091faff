import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/identity/seed-demo.js';
import { ministryModule } from '../../src/ministry/module.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { clientAssertion, tokenRequest } from '../identity/support/assertions.js';
import { startIdentityHarness, type IdentityHarness } from '../identity/support/gateway.js';
import { connectorsModule } from '../../src/app/adapters/connectors-module.js';
import { outboxSenderModule } from '../../src/delivery/outbox-sender-module.js';

/**
 * End to end with the real identity module: the demo ministry client (BKHDT, indicators 01xx)
 * gets a bearer token with private_key_jwt and pushes statistics through the BKHDT mapping.
 */
describe('ministry push authenticated as a registered ministry client', () => {
  let h: IdentityHarness;
  let bearer: string;
  beforeAll(async () => {
    h = await startIdentityHarness({
      extraModules: [mappingsModule, connectorsModule, outboxSenderModule, ministryModule],
      env: { MINISTRY_CONNECTORS_SCHEDULE: 'false' },
    });
    const form = tokenRequest(
      await clientAssertion({ clientId: DEMO_CLIENT_ID, audience: `${h.base}/api/v1/oauth/token` }),
      DEMO_CLIENT_ID,
    );
    const res = await fetch(`${h.base}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    bearer = String(((await res.json()) as { access_token: string }).access_token);
  });
  afterAll(async () => {
    await h?.close();
  });

  const push = async (body: unknown, query = '') => {
    const res = await fetch(`${h.base}/api/v1/ministry/data${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("stores the client's own indicators and names the ones its registration does not allow", async () => {
    const res = await push(
      {
        packetType: 'kpi-data',
        payload: {
          period: { kind: 'N', year: 2025 },
          reportingOrg: { orgCode: '000.00.00.H29' },
          observations: [
            { indicatorCode: 'DS.TB', value: 512.3, unit: 'nghìn người', disaggregation: { GT: 'NU' } },
            { indicatorCode: 'TK.GRDP', value: 31000, unit: 'tỷ đồng' },
          ],
        },
      },
      '?atomic=false',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'BKHDT',
      status: 'WARNING',
      importCount: { imported: 1, ignored: 1 },
      conflicts: [{ row: 2, code: 'INDICATOR_FORBIDDEN' }],
    });
    const { rows } = await h.t.db.query<{ value: string; unit: string; disaggregation_key: string }>(
      "SELECT value::text AS value, unit, disaggregation_key FROM ministry_values WHERE source = 'BKHDT'",
    );
    expect(rows.map((r) => [Number(r.value), r.unit, r.disaggregation_key])).toEqual([[512300, 'người', 'gender=F']]);
  });

  it("refuses another ministry's data and anonymous pushes", async () => {
    expect((await push({ packetType: 'kpi-data', source: 'BNNMT', payload: { observations: [] } })).body.code).toBe('SOURCE_FORBIDDEN');
    const anonymous = await fetch(`${h.base}/api/v1/ministry/data`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });
});
