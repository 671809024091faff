import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeriods, DemoTraffic } from '../../src/demo/demo-traffic.js';
import type { OperationalRecord, PacketView } from '../../src/delivery/services.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { contractViolations } from '../support/openapi-conformance.js';

/** Tuesday 5 Jan 2027, 08:00 in Hanoi: the gateway starts and pushes its catalogs. */
const T0 = Date.parse('2027-01-05T01:00:00Z');
/** Two hours later a report goes out while the national system answers 5xx twice. */
const T1 = T0 + 2 * 3600_000;
/** Half an hour after that, ops look. */
const T2 = T1 + 30 * 60_000;

interface Chart {
  bucketMs: number;
  queue: { at: string; queue: string; depth: number }[];
  latency: { at: string; channel: string; count: number; meanMs: number; p95Ms: number }[];
  timeliness: { periods: string[]; units: { orgUnitId: string; orgUnitName: string; rates: (number | null)[] }[] };
}

/** Postgres' percentile_cont: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (rank - lo);
}

/**
 * The operational-monitoring API (X-Road opmonitoring) and the console's chart data on the real
 * gateway with its clock in the test's hands: a known set of exchanges (the catalogs pushed at
 * start, then one report refused twice with 5xx and accepted at the third attempt), read back
 * by time range and in pages, and the charts' figures checked against those records.
 */
describe('operational data and chart series from a known set of exchanges', { timeout: 240_000 }, () => {
  let clock = T0;
  let h: RealHarness;
  let report: PacketView;
  /** The commune whose report the province consolidated and sent. */
  let commune = '';
  const cookies: Record<string, string> = {};

  const login = async (username: string) => {
    const res = await fetch(`${h.base}/auth/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.base },
      body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(303);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };
  const get = (path: string, who = 'vanhanh') => fetch(`${h.base}${path}`, { headers: { cookie: cookies[who] ?? '' } });
  const sample = () => h.gw.ctx.services.scheduler!.runNow('ops:sample-queues');

  beforeAll(async () => {
    h = await startRealGateway(
      // Retries 1.5 s apart: long enough to sample the queue while the report waits; no acceptance
      // ack packet; the queue is sampled only when the test says (slots ten years apart: none in 2027).
      {
        RETRY_BASE_MS: '1500',
        RETRY_FACTOR: '1',
        RETRY_JITTER: '0',
        NATIONAL_ACCEPTANCE_ACK: 'false',
        OPS_SAMPLE_MS: String(10 * 365 * 86_400_000),
      },
      { now: () => new Date(clock) },
    );
    clock = T0 + 60_000;
    await sample();
    clock = T1;
    const period = demoPeriods(new Date(T1)).current;
    const traffic = new DemoTraffic(h.core, h.submissions);
    await traffic.assign(period);
    h.national.faults.set({ mode: '5xx', remaining: 2 });
    const [sent] = (await traffic.send(period, 1)).filter((o) => 'national' in o);
    const id = sent && 'national' in sent ? sent.national!.submissionId : '';
    commune = (await h.core.assignments.list({ periodKey: period })).find((a) => a.id === sent?.assignmentId)!.orgUnitId;
    for (;;) {
      const [p] = await h.delivery.listPackets({ submissionId: id });
      if (p?.state === 'queued' && p.attempts === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    clock = T1 + 60_000;
    await sample();
    const [p] = await h.delivery.listPackets({ submissionId: id });
    [report] = await h.waitForStates([p!.packetId], ['acknowledged']);
    clock = T1 + 120_000;
    await sample();
    clock = T2;
    cookies.vanhanh = await login('vanhanh');
    cookies.entry = await login('nhaplieu.tamduong');
  }, 600_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Every page of a range, following the cursor. */
  async function all(query: string, limit: number): Promise<{ records: OperationalRecord[]; pages: number }> {
    const records: OperationalRecord[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/api/v1/ops/operational-data?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { records: OperationalRecord[]; nextCursor: string | null };
      expect(contractViolations('GET', '/api/v1/ops/operational-data', 200, body)).toEqual([]);
      records.push(...body.records);
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    return { records, pages };
  }

  const iso = (ms: number) => new Date(ms).toISOString();

  it('lists one record per exchange attempt in the range, in pages that neither miss nor repeat', async () => {
    const { records, pages } = await all(`from=${iso(T0)}&to=${iso(T2)}`, 4);
    const catalogs = records.filter((r) => r.requestAt === iso(T0));
    const reportAttempts = records.filter((r) => r.packetId === report.packetId);
    expect(records).toHaveLength(catalogs.length + 3);
    expect(pages).toBe(Math.ceil(records.length / 4));
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    // The catalogs the gateway pushed at start: one accepted attempt each, on the national channel.
    expect(catalogs.length).toBeGreaterThanOrEqual(5);
    expect(catalogs.every((r) => r.outcome === 'ok' && r.succeeded && r.attempt === 1 && r.channel === 'national')).toBe(true);
    expect(new Set(catalogs.map((r) => r.packetType)).size).toBe(catalogs.length);
    // The report: two 5xx answers, then accepted; its unit, period and form with each record.
    expect(reportAttempts.map((r) => [r.attempt, r.outcome, r.errorCode, r.requestAt])).toEqual([
      [1, 'retry', 'NATIONAL_SERVER_ERROR', iso(T1)],
      [2, 'retry', 'NATIONAL_SERVER_ERROR', iso(T1 + 60_000)],
      [3, 'ok', null, iso(T1 + 60_000)],
    ]);
    expect(reportAttempts[0]).toMatchObject({
      packetType: 'report-data',
      orgUnitId: 'lai-chau',
      periodKey: report.periodKey,
      formCode: 'KTXH-THANG-01',
      succeeded: false,
    });
    for (const r of records) {
      expect(r.requestSize).toBeGreaterThan(0);
      expect(Date.parse(r.responseAt) - Date.parse(r.requestAt)).toBe(r.durationMs);
    }
    // Ordered by request time then id: the order an IOC pulling every few minutes follows.
    const keys = records.map((r) => [Date.parse(r.requestAt), Number(r.id)] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('honours the time range: from inclusive, to exclusive; the default is the hour before the gateway clock', async () => {
    const before = await all(`from=${iso(T0)}&to=${iso(T1)}`, 500);
    expect(before.records.every((r) => r.requestAt === iso(T0))).toBe(true);
    const after = await all(`from=${iso(T1)}&to=${iso(T2)}`, 500);
    expect(after.records.map((r) => r.packetId)).toEqual([report.packetId, report.packetId, report.packetId]);
    const first = await all(`from=${iso(T1)}&to=${iso(T1 + 1)}`, 500);
    expect(first.records.map((r) => r.attempt)).toEqual([1]);
    const res = await get('/api/v1/ops/operational-data');
    const body = (await res.json()) as { from: string; to: string; records: OperationalRecord[] };
    expect([body.from, body.to]).toEqual([iso(T2 - 3600_000), iso(T2)]);
    expect(body.records.map((r) => r.attempt)).toEqual([1, 2, 3]);
  });

  it('refuses bad ranges, cursors and limits with stable codes, and callers without the ops or admin role', async () => {
    const errorCode = async (path: string, who?: string) => {
      const res = await get(path, who);
      const body = (await res.json()) as Record<string, unknown>;
      return [res.status, body.code ?? (body.error as { code?: string } | undefined)?.code];
    };
    expect(await errorCode(`/api/v1/ops/operational-data?from=${iso(T2)}&to=${iso(T1)}`)).toEqual([400, 'TIME_RANGE_INVALID']);
    expect(await errorCode('/api/v1/ops/operational-data?cursor=abc')).toEqual([400, 'CURSOR_INVALID']);
    expect(await errorCode('/api/v1/ops/operational-data?limit=0')).toEqual([400, 'LIMIT_INVALID']);
    expect(await errorCode('/api/v1/ops/operational-data?from=yesterday')).toEqual([400, 'QUERY_TIME_INVALID']);
    expect(await errorCode('/api/v1/ops/operational-data', 'entry')).toEqual([403, 'OPS_ROLE_FORBIDDEN']);
    expect(await errorCode('/api/v1/ops/charts', 'entry')).toEqual([403, 'OPS_ROLE_FORBIDDEN']);
    expect((await get('/api/v1/ops/operational-data', 'nobody')).status).toBe(401);
  });

  it('charts the queue depth sampled on the scheduler, the latency of the exchanges above and the on-time rate per unit', async () => {
    const res = await get('/api/v1/ops/charts?hours=6');
    expect(res.status).toBe(200);
    const chart = (await res.json()) as Chart;
    expect(chart.bucketMs).toBe(5 * 60_000);
    // The packets waiting: none before the report, one while it waited for its retry, none once accepted.
    const waiting = chart.queue.filter((q) => q.queue === 'waiting').map((q) => [q.at, q.depth]);
    expect(waiting).toEqual([
      [iso(T0 + 60_000), 0],
      [iso(T1 + 60_000), 1],
      [iso(T1 + 120_000), 0],
    ]);
    expect(chart.queue.find((q) => q.queue === 'delivery' && q.at === iso(T1 + 60_000))?.depth).toBe(1);
    // Latency per 5-minute bucket and channel, from the accepted attempts the operational data lists.
    const { records } = await all(`from=${iso(T0)}&to=${iso(T2)}`, 500);
    const ok = records.filter((r) => r.succeeded);
    const buckets = new Map<string, number[]>();
    for (const r of ok) {
      const at = iso(Math.floor(Date.parse(r.requestAt) / chart.bucketMs) * chart.bucketMs);
      buckets.set(`${at}|${r.channel}`, [...(buckets.get(`${at}|${r.channel}`) ?? []), r.durationMs]);
    }
    expect(chart.latency.map((b) => `${b.at}|${b.channel}`)).toEqual([...buckets.keys()]);
    for (const b of chart.latency) {
      const d = buckets.get(`${b.at}|${b.channel}`)!;
      expect([b.count, b.meanMs, b.p95Ms]).toEqual([
        d.length,
        Math.round(d.reduce((s, x) => s + x, 0) / d.length),
        Math.round(percentileCont(d, 0.95)),
      ]);
    }
    expect(chart.latency.map((b) => b.count)).toEqual([ok.length - 1, 1]);
    // On-time rate per unit: on time ÷ due, from the console's timeliness of that period (the
    // deadline calendar's rule): the commune and the province that sent have 100 %, units not yet due no rate.
    const period = report.periodKey!;
    expect(chart.timeliness.periods).toContain(period);
    const i = chart.timeliness.periods.indexOf(period);
    const tl = (await (await get(`/api/v1/console/timeliness?periodKey=${period}`)).json()) as {
      units: { orgUnitId: string; onTime: number; late: number; missing: number; refused: number }[];
    };
    expect(chart.timeliness.units.length).toBe(tl.units.length);
    for (const u of tl.units) {
      const due = u.onTime + u.late + u.missing + u.refused;
      const rate = due === 0 ? null : Math.round((1000 * u.onTime) / due) / 10;
      expect(chart.timeliness.units.find((c) => c.orgUnitId === u.orgUnitId)?.rates[i]).toBe(rate);
    }
    const rated = chart.timeliness.units.filter((u) => u.rates[i] !== null);
    expect(rated.map((u) => [u.orgUnitId, u.rates[i]]).sort()).toEqual(
      [
        [commune, 100],
        ['lai-chau', 100],
      ].sort(),
    );
  });
});
