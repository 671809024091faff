import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/exchange/config.js';
import { loadMappings } from '../../src/exchange/mapping/loader.js';
import { loadConnectors } from '../../src/ministry/connectors/definition.js';
import { ministrySimulator } from '../../src/sim/ministry/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { channelsModule } from '../../src/app/adapters/channels-module.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import { deliveryModule } from '../../src/delivery/module.js';
import { queuesModule } from '../../src/app/adapters/queues-module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { eventually } from '../delivery/support/packets.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { seedApprovedValues } from './support/approved-values.js';
import { startMinistryApi, type MinistryApi } from './support/setup.js';

const TOKEN = 'bnnmt-test-secret';

describe('ministry connectors against the ministry simulator', () => {
  let t: TestDatabase;
  let sim: RunningSimulator;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    sim = await ministrySimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_MINISTRY_TOKEN: TOKEN } });
    // Pushes go through the outbox and the delivery engine, as in the gateway (retries quick here).
    api = await startMinistryApi(
      t,
      { BNNMT_URL: sim.url, BNNMT_TOKEN: TOKEN, RELAY_POLL_MS: '20', RETRY_BASE_MS: '50', RETRY_JITTER: '0' },
      undefined,
      [submissionsModule, exchangeModule, channelsModule, queuesModule, deliveryModule],
    );
    await api.gw.start();
    await seedApprovedValues(t);
  });
  afterAll(async () => {
    await api.gw.close();
    await sim.close();
    await t.dispose();
  });

  const received = async () =>
    (
      (await (await fetch(`${sim.url}/_sim/received`)).json()) as {
        received: { rows: number; body: { payload: { period: unknown; rows: Record<string, unknown>[] } } }[];
      }
    ).received;
  const setFault = (mode: string, extra: Record<string, number> = {}) =>
    fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode, ...extra }),
    });
  const delivered = (packetId: string) =>
    eventually(async () => {
      const p = await api.gw.ctx.services.delivery!.packet(packetId);
      return p?.state === 'acknowledged' && p;
    }, `packet ${packetId} delivered`);

  it('lists the declared connectors to admins and ops, without secrets', async () => {
    const res = await api.call('admin', 'GET', '/ministry/connectors');
    const list = res.body.connectors as { id: string; direction: string; auth: string; nextRunAt: string | null }[];
    expect(list.map((c) => [c.id, c.direction, c.auth])).toEqual([
      ['bnnmt-pull', 'pull', 'bearer'],
      ['bnnmt-push', 'push', 'api-key'],
    ]);
    expect(list[0]!.nextRunAt).not.toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect((await api.call('entry', 'GET', '/ministry/connectors')).body.code).toBe('ROLE_FORBIDDEN');
  });

  it("pulls the ministry's values into the province, idempotently, recording each run", async () => {
    const first = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-pull/run?period=2026-H1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      periodKey: '2026-H1',
      summary: { status: 'SUCCESS', simulated: false, importCount: { imported: 5, updated: 0, ignored: 0 } },
    });
    const { rows } = await t.db.query<{ value: string }>(
      "SELECT value::text AS value FROM ministry_values WHERE indicator_code = '0302' AND disaggregation_key = 'crop=maize'",
    );
    expect(rows.map((r) => Number(r.value))).toEqual([52300]);
    const again = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-pull/run?period=2026-H1');
    expect(again.body).toMatchObject({ summary: { importCount: { imported: 0, updated: 0, ignored: 5 } } });
    expect((await api.call('entry', 'GET', '/ministry/connectors/bnnmt-pull/runs')).body.code).toBe('ROLE_FORBIDDEN');
    const adminRuns = await api.call('admin', 'GET', '/ministry/connectors/bnnmt-pull/runs');
    expect((adminRuns.body.runs as unknown[]).length).toBe(2);
  });

  it("pushes the province's approved values in the ministry's codes and units, through the outbox and the delivery engine", async () => {
    const res = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-push/run?period=2026-H1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', direction: 'push', summary: { sent: 3, skipped: [] } });
    const { packetId, queued } = (res.body as { summary: { packetId: string; queued: string[] } }).summary;
    expect(queued).toEqual([packetId]);
    expect(await delivered(packetId)).toMatchObject({ channel: 'ministry', subjectKind: 'ministry', attempts: 1 });
    // The same values pushed again are the same packet: queued once, received once.
    const again = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-push/run?period=2026-H1');
    expect(again.body).toMatchObject({ status: 'succeeded', summary: { sent: 3, queued: [], packetId } });
    expect(await received()).toHaveLength(1);
    const [push] = await received();
    expect(push!.body.payload.period).toEqual({ kind: '6T', year: 2026 });
    expect(push!.body.payload.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          indicatorCode: 'NN.LT.SL',
          column: 'TH',
          value: 110.4,
          unit: 'nghìn tấn',
          orgCode: '000.00.00.H29',
          disaggregation: { CAY: 'LUA' },
        }),
        expect.objectContaining({ indicatorCode: 'CN.TRAU', column: 'SCK', value: 101.2, unit: '%' }),
        expect.objectContaining({ indicatorCode: 'CN.TRAU', column: 'TH', value: 78250, unit: 'con' }),
      ]),
    );
  });

  it('records failed runs when the ministry system is down or refuses', async () => {
    await setFault('down');
    const down = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-pull/run?period=2026-H1');
    expect([down.status, down.body.status, (down.body.error as { code: string }).code]).toEqual([502, 'failed', 'CONNECTOR_UNREACHABLE']);
    await setFault('none');
    // A push the ministry answers 503 is retried by the delivery engine until it arrives.
    await t.db.query(`UPDATE submission_values SET value = '78300' WHERE indicator_code = '0303' AND column_code = 'THIS_PERIOD'`);
    await setFault('5xx', { remaining: 1 });
    const retried = await api.call('admin', 'POST', '/ministry/connectors/bnnmt-push/run?period=2026-H1');
    expect(retried.body).toMatchObject({ status: 'succeeded', summary: { sent: 3 } });
    const view = await delivered((retried.body as { summary: { packetId: string } }).summary.packetId);
    expect(view.history.map((h) => [h.outcome, h.errorCode])).toEqual([
      ['retry', 'MINISTRY_SERVER_ERROR'],
      ['ok', null],
    ]);
    expect(await received()).toHaveLength(2);
    const runs = await api.call('admin', 'GET', '/ministry/connectors/bnnmt-pull/runs');
    expect((runs.body.runs as { status: string }[])[0]!.status).toBe('failed');
    expect((await api.call('admin', 'POST', '/ministry/connectors/nope/run')).body.code).toBe('CONNECTOR_NOT_FOUND');
    const ready = (await (await fetch(api.base.replace('/api/v1', '/ready'))).json()) as {
      ok: boolean;
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(ready.ok).toBe(true);
    expect(ready.checks.find((c) => c.name === 'ministry-connectors')?.detail).toBe(
      'bnnmt-pull=failed (CONNECTOR_UNREACHABLE), bnnmt-push=succeeded',
    );
  });

  it('the simulator refuses callers without its token', async () => {
    const res = await fetch(`${sim.url}/api/values?kind=6T&year=2026`);
    expect(res.status).toBe(401);
    const wrong = await fetch(`${sim.url}/api/values?kind=6T&year=2026`, { headers: { authorization: 'Bearer other' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses invalid connector files at start, naming the file', () => {
    const mappings = loadMappings(join(REPO_ROOT, 'mappings'));
    const dir = mkdtempSync(join(tmpdir(), 'connectors-'));
    const base = {
      id: 'x-pull',
      name: 'X',
      ministry: 'BNNMT',
      direction: 'pull',
      auth: { type: 'none' },
      indicators: ['0303'],
      periodKind: 'year',
    };
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...base, indicators: ['0202'] }));
    expect(() => loadConnectors(dir, mappings)).toThrow(/a\.json: indicators not in the BNNMT mapping: 0202/);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...base, schedule: 'every tuesday' }));
    expect(() => loadConnectors(dir, mappings)).toThrow(/a\.json: schedule/);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...base, auth: { type: 'bearer', token: 'inline-secret' } }));
    expect(() => loadConnectors(dir, mappings)).toThrow(expect.objectContaining({ code: 'CONNECTOR_INVALID' }));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(base));
    expect(loadConnectors(dir, mappings).map((d) => d.id)).toEqual(['x-pull']);
  });
});
