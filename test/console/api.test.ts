import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionsServices } from '../../src/core/submissions/module.js';
import { DemoTraffic } from '../../src/demo/demo-traffic.js';
import { listAudit } from '../../src/store/audit-log.js';
import { buildFrontEnds } from '../support/browser.js';
import { contractViolations } from '../support/openapi-conformance.js';
import { startConsoleGateway, type ConsoleHarness } from './support/console-gateway.js';

describe('console API', () => {
  let h: ConsoleHarness;
  const sent: { submissionId: string; orgUnitId: string }[] = [];
  const call = async (user: string | null, path: string, init: RequestInit = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(user ? { 'x-test-user': user } : {}) };
    const res = await fetch(`${h.base}${path}`, { ...init, headers, redirect: 'manual' });
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    // Tests read the loosely-typed JSON (JSON.parse) and assert its shape field by field.
    const body = type.includes('json') ? JSON.parse(text) : text;
    // Every successful answer is the one the OpenAPI document promises for its operation.
    if (res.ok && type.includes('json')) expect(contractViolations(init.method ?? 'GET', path, res.status, body)).toEqual([]);
    return { status: res.status, headers: res.headers, body };
  };

  beforeAll(async () => {
    buildFrontEnds(); // the page's script is served from the bundle `npm start` builds
    h = await startConsoleGateway();
    const traffic = new DemoTraffic(h.core, h.gw.ctx.services.submissions as SubmissionsServices);
    await traffic.assign('2027-M01');
    await traffic.assign('2027-M02');
    const late = await traffic.send('2027-M01', 1);
    const onTime = await traffic.send('2027-M02', 2);
    for (const o of [...late, ...onTime]) {
      if ('submissionId' in o)
        sent.push({ submissionId: o.submissionId, orgUnitId: (await h.core.assignments.require(o.assignmentId)).orgUnitId });
    }
    h.delivery.add({
      packetId: 'p-dead-tc',
      state: 'dead',
      orgUnitId: 'lc-so-tai-chinh',
      attempts: 8,
      lastErrorCode: 'NATIONAL_UNAVAILABLE',
      lastErrorMessage: 'ECONNRESET',
    });
    h.delivery.add({
      packetId: 'p-dead-yt',
      state: 'dead',
      orgUnitId: 'lc-so-y-te',
      attempts: 8,
      lastErrorCode: 'SIGNATURE_REJECTED',
      lastErrorMessage: 'chữ ký không hợp lệ',
    });
    h.delivery.add({
      packetId: 'p-rej',
      state: 'rejected',
      orgUnitId: 'lc-so-y-te',
      attempts: 1,
      lastErrorCode: 'SIGNATURE_INVALID',
      lastErrorMessage: 'refused',
    });
    h.delivery.add({ packetId: 'p-ok', state: 'acknowledged', orgUnitId: 'lc-so-y-te', remoteId: 'VPCP-1' });
    h.delivery.add({ packetId: 'p-fb', state: 'sent_via_fallback', channel: 'edoc', orgUnitId: 'lc-x-sin-ho', periodKey: '2027-M01' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('drove the demo reports through the real workflow', () => {
    expect(sent).toHaveLength(3);
  });

  it('requires a session and a console role, and names the user, role and unit', async () => {
    expect(await call(null, '/api/v1/console/overview')).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
    expect(await call('entry', '/api/v1/console/overview')).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN' } });
    expect((await call('ops', '/api/v1/console/me')).body).toMatchObject({
      displayName: 'Trần Vận Hành',
      roles: ['ops'],
      orgUnitName: 'Văn phòng Ủy ban nhân dân tỉnh',
    });
  });

  it('summarises sync per state, channel and report, limited to the caller scope', async () => {
    const ops = await call('ops', '/api/v1/console/overview');
    expect(ops.status).toBe(200);
    expect(ops.body.byState).toMatchObject({ dead: 2, acknowledged: 1, sent_via_fallback: 1 });
    expect(ops.body.byChannel).toMatchObject({ national: { dead: 2, acknowledged: 1 }, edoc: { sent_via_fallback: 1 } });
    expect(ops.body.circuits).toHaveLength(2);
    expect(ops.body.reports.find((r: { orgUnitId: string }) => r.orgUnitId === 'lc-x-sin-ho')).toMatchObject({
      orgUnitName: 'Xã Sìn Hồ',
      channel: 'edoc',
    });
    const leader = await call('leader', '/api/v1/console/overview?periodKey=2027-M01');
    expect(leader.body.reports.map((r: { orgUnitId: string }) => r.orgUnitId)).toEqual(['lc-so-tai-chinh']);
    // Counts too are the leader's own units', not the province's.
    expect(leader.body.byState).toMatchObject({ dead: 1, rejected: 0, acknowledged: 0, sent_via_fallback: 0 });
    expect(leader.body.byChannel).toEqual({ national: { dead: 1 } });
  });

  it('validates filters with stable codes', async () => {
    expect(await call('ops', '/api/v1/console/packets?state=lost')).toMatchObject({ status: 400, body: { code: 'PACKET_STATE_UNKNOWN' } });
    expect(await call('ops', '/api/v1/console/errors?limit=0')).toMatchObject({ status: 400, body: { code: 'LIMIT_INVALID' } });
    expect(await call('ops', '/api/v1/console/timeliness')).toMatchObject({ status: 400, body: { code: 'PERIOD_KEY_REQUIRED' } });
    expect(await call('ops', '/api/v1/console/packets?orgUnitId=%3Cscript%3E')).toMatchObject({
      status: 400,
      body: { code: 'QUERY_PARAM_INVALID' },
    });
    expect(await call('ops', '/api/v1/console/packets/nope')).toMatchObject({ status: 404, body: { code: 'PACKET_NOT_FOUND' } });
  });

  it('lists dead letters and recent errors with their codes', async () => {
    const dead = await call('ops', '/api/v1/console/dead-letters');
    expect(dead.body.packets.map((p: { packetId: string }) => p.packetId).sort()).toEqual(['p-dead-tc', 'p-dead-yt', 'p-rej']);
    const errors = await call('ops', '/api/v1/console/errors');
    expect(errors.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'NATIONAL_UNAVAILABLE',
      'SIGNATURE_INVALID',
      'SIGNATURE_REJECTED',
    ]);
    const leaderErrors = await call('leader', '/api/v1/console/errors');
    expect(leaderErrors.body.errors.map((e: { code: string }) => e.code)).toEqual(['NATIONAL_UNAVAILABLE']);
    const packet = await call('ops', '/api/v1/console/packets/p-dead-yt');
    expect(packet.body).toMatchObject({
      state: 'dead',
      orgUnitName: 'Sở Y tế',
      history: [{ errorCode: 'SIGNATURE_REJECTED', outcome: 'failed' }],
    });
  });

  it('re-runs dead letters (ops only), reports what was skipped and audits the request', async () => {
    expect(
      await call('leader', '/api/v1/console/replay', { method: 'POST', body: JSON.stringify({ packetIds: ['p-dead-tc'] }) }),
    ).toMatchObject({ status: 403, body: { code: 'CONSOLE_ROLE_FORBIDDEN' } });
    expect(await call('ops', '/api/v1/console/replay', { method: 'POST', body: JSON.stringify({ packetIds: [] }) })).toMatchObject({
      status: 400,
      body: { code: 'REQUEST_INVALID' },
    });
    expect(h.delivery.packets.find((p) => p.packetId === 'p-dead-tc')?.state).toBe('dead');

    const bulk = await call('ops', '/api/v1/console/replay', {
      method: 'POST',
      body: JSON.stringify({ packetIds: ['p-dead-tc', 'p-dead-yt', 'p-ok', 'p-missing'] }),
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.requeued).toEqual(['p-dead-tc', 'p-dead-yt']);
    expect(bulk.body.skipped.map((s: { packetId: string }) => s.packetId)).toEqual(['p-ok', 'p-missing']);
    expect(h.delivery.replays.at(-1)?.actor).toBe('ops-1');
    expect((await call('ops', '/api/v1/console/packets/p-dead-tc')).body.state).toBe('queued');
    expect((await call('ops', '/api/v1/console/dead-letters')).body.packets.map((p: { packetId: string }) => p.packetId)).toEqual([
      'p-rej',
    ]);

    const [audit] = await listAudit(h.t.db, { action: 'console.replay' });
    expect(audit).toMatchObject({ actor: 'ops-1', details: { requested: 4, requeued: ['p-dead-tc', 'p-dead-yt'] } });
  });

  it('shows timeliness per unit: on time, late, missing, and not yet due exactly as the deadline calendar', async () => {
    const current = await call('ops', '/api/v1/console/timeliness?periodKey=2027-M02');
    const byUnit = new Map(current.body.units.map((u: { orgUnitId: string; status: string }) => [u.orgUnitId, u.status]));
    for (const s of sent.slice(1)) expect(byUnit.get(s.orgUnitId)).toBe('on_time');
    // 2027-M02's deadline has not come: not submitted is "Chưa đến hạn", never "Chưa nộp".
    // The communes' reports went to the province, whose consolidated report was sent on time too.
    expect(byUnit.get('lai-chau')).toBe('on_time');
    expect([...byUnit.values()].filter((s) => s === 'pending').length).toBe(byUnit.size - 3);
    expect([...byUnit.values()]).not.toContain('missing');
    const calendar = await call('ops', '/api/v1/console/calendar?periodKey=2027-M02');
    const calendarStatus = new Map(
      calendar.body.days.flatMap((d: { entries: { assignmentId: string; status: string }[] }) =>
        d.entries.map((e) => [e.assignmentId, e.status]),
      ),
    );
    for (const row of current.body.rows as { assignmentId: string; status: string }[])
      expect(row.status).toBe(calendarStatus.get(row.assignmentId));
    expect(current.body.names['lc-so-y-te']).toBe('Sở Y tế');
    const previous = await call('ops', '/api/v1/console/timeliness?periodKey=2027-M01');
    expect(previous.body.units.find((u: { orgUnitId: string }) => u.orgUnitId === sent[0]!.orgUnitId).status).toBe('late');
  });

  it('groups the deadline calendar by day, pending before the deadline and missing after', async () => {
    const cur = await call('ops', '/api/v1/console/calendar?periodKey=2027-M02');
    expect(cur.body.days.length).toBeGreaterThan(0);
    const entries = cur.body.days.flatMap((d: { entries: { status: string }[] }) => d.entries);
    expect(new Set(entries.map((e: { status: string }) => e.status))).toEqual(new Set(['on_time', 'pending']));
    const prev = await call('ops', '/api/v1/console/calendar?periodKey=2027-M01');
    const prevStatuses = prev.body.days.flatMap((d: { entries: { status: string }[] }) => d.entries.map((e) => e.status));
    expect(new Set(prevStatuses)).toEqual(new Set(['late', 'missing']));
    expect(prev.body.days[0].date < cur.body.days[0].date).toBe(true);
  });

  it('lists periods with this month first and charts approved values per unit', async () => {
    expect((await call('ops', '/api/v1/console/periods')).body).toMatchObject({
      current: '2027-M02',
      periods: expect.arrayContaining(['2027-M01', '2027-M02']),
    });
    // The first unit in order reported both months: its chart has two periods of four columns.
    const unit = sent[0]!.orgUnitId;
    expect(sent[1]!.orgUnitId).toBe(unit);
    const indicators = await call('ops', `/api/v1/console/units/${unit}/indicators`);
    expect(indicators.body.indicators.map((i: { code: string }) => i.code)).toContain('0207');
    const series = await call('ops', `/api/v1/console/units/${unit}/series?indicatorCode=0207`);
    const points = series.body.points as { periodKey: string; columnCode: string; value: number }[];
    expect(points.map((p) => `${p.periodKey}/${p.columnCode}`)).toEqual(
      ['2027-M01', '2027-M02'].flatMap((k) => ['PCT_SAME_PERIOD', 'PLAN', 'THIS_PERIOD', 'YTD'].map((c) => `${k}/${c}`)),
    );
    expect(points.every((p) => typeof p.value === 'number' && p.value >= 0)).toBe(true);
    expect(await call('leader', `/api/v1/console/units/lc-so-y-te/series?indicatorCode=0207`)).toMatchObject({
      status: 404,
      body: { code: 'ORG_UNIT_NOT_FOUND' },
    });
  });

  it('serves the page behind the login, and its script bundle with chart.js inside', async () => {
    const anon = await call(null, '/console');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/auth/login?returnTo=%2Fconsole');
    const page = await call('ops', '/console');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Thư chết');
    // One script, the esbuild bundle of src/console/ui: no vendor file, no CDN.
    expect(String(page.body).match(/<script[^>]*src="([^"]+)"/g)).toEqual(['<script type="module" src="/console/assets/build/console.js"']);
    const bundle = await fetch(`${h.base}/console/assets/build/console.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    const legal = await fetch(`${h.base}/console/assets/build/console.js.LEGAL.txt`);
    expect(await legal.text()).toContain('Chart.js v4');
  });
});
