import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryServices } from '../../src/delivery/delivery-services.js';
import { foldPacketCounts, packetCounts } from '../../src/delivery/packet-counts.js';
import type { ChannelBreakers } from '../../src/delivery/breakers.js';
import { MemoryQueue } from '../../src/delivery/queue/memory-queue.js';
import type { PacketState } from '../../src/delivery/services.js';
import { worstState } from '../../src/delivery/state-machine.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';

const STATES: PacketState[] = ['queued', 'sending', 'delivered', 'acknowledged', 'rejected', 'dead'];

/**
 * The console's read side at O(page): counters maintained by triggers (checked against a plain
 * GROUP BY after inserts, updates and deletes, before and after a fold), keyset pages that walk
 * every row once, and recent errors from the partial index.
 */
describe.each(testDatabases)('delivery read models on $name', ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    await t.db.query(
      `INSERT INTO delivery_packets (packet_id, idempotency_key, route, subject_id, submission_id, packet_type, org_unit_id, period_key, form_code, title, body, signature,
         state, channel, created_at, updated_at)
       SELECT 'p' || lpad(i::text, 4, '0'), 'k' || i, CASE WHEN i % 10 = 0 THEN 'archive' ELSE 'national' END, 's' || (i / 2), 's' || (i / 2), 'BC', 'u' || (i % 3),
         CASE WHEN i % 2 = 0 THEN '2027-M01' ELSE '2027-M02' END, 'F1', 't', '{}', 'sig', ($1::text[])[1 + i % 6], CASE WHEN i % 7 = 0 THEN 'edoc' ELSE 'national' END,
         timestamptz '2027-01-01' + i * interval '1 second', timestamptz '2027-01-02' + (i % 50) * interval '1 millisecond'
       FROM generate_series(1, 240) AS i`,
      [STATES],
    );
  }, 120_000);
  afterAll(async () => t?.dispose());

  async function truth(filter: { periodKey?: string; orgUnitIds?: string[] }) {
    const res = await t.db.query<{ channel: string; state: string; n: number }>(
      `SELECT channel, state, count(*)::int AS n FROM delivery_packets WHERE route = 'national' AND subject_kind = 'report'
         AND ($1::text IS NULL OR period_key = $1) AND ($2::text[] IS NULL OR org_unit_id = ANY($2)) GROUP BY 1, 2`,
      [filter.periodKey ?? null, filter.orgUnitIds ?? null],
    );
    const byChannel: Record<string, Record<string, number>> = {};
    for (const r of res.rows) (byChannel[r.channel] ??= {})[r.state] = r.n;
    return byChannel;
  }

  it('counts follow inserts, updates and deletes, folded or not', async () => {
    for (const f of [{}, { periodKey: '2027-M01' }, { orgUnitIds: ['u1', 'u2'] }]) {
      expect((await packetCounts(t.db, { route: 'national', ...f })).byChannel).toEqual(await truth(f));
    }
    await t.db.query(`UPDATE delivery_packets SET state = 'acknowledged' WHERE state IN ('queued', 'sending') AND org_unit_id = 'u1'`);
    await t.db.query(`DELETE FROM delivery_packets WHERE packet_id IN ('p0003', 'p0004')`);
    expect((await packetCounts(t.db, { route: 'national' })).byChannel).toEqual(await truth({}));
    expect(await foldPacketCounts(t.db)).toBeGreaterThan(0);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_packet_count_deltas')).rows[0]!.n).toBe(0);
    for (const f of [{}, { periodKey: '2027-M02' }, { orgUnitIds: ['u0'] }]) {
      expect((await packetCounts(t.db, { route: 'national', ...f })).byChannel).toEqual(await truth(f));
    }
    const counts = await packetCounts(t.db, { route: 'national' });
    expect(Object.values(counts.byState).reduce((a, b) => a + b, 0)).toBe(
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM delivery_packets WHERE route = 'national'`)).rows[0]!.n,
    );
  });

  it('keyset pages walk every packet once, newest change first, with and without filters', async () => {
    const services = createDeliveryServices(t.db, new MemoryQueue(), { views: () => [] } as unknown as ChannelBreakers, () => new Date());
    for (const filter of [{}, { periodKey: '2027-M01' }, { states: ['dead', 'rejected'] as PacketState[] }, { orgUnitIds: ['u2'] }]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await services.pagePackets({ ...filter, limit: 7, cursor });
        seen.push(...page.packets.map((p) => p.packetId));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
      const all = await services.listPackets({ ...filter, limit: 1000 });
      expect(seen).toEqual(all.map((p) => p.packetId));
      expect(new Set(seen).size).toBe(seen.length);
      for (let i = 1; i < all.length; i++) expect(all[i - 1]!.updatedAt >= all[i]!.updatedAt).toBe(true);
    }
    await expect(services.pagePackets({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('the summary gives one page of reports with a cursor, and every report once across pages', async () => {
    const services = createDeliveryServices(t.db, new MemoryQueue(), { views: () => [] } as unknown as ChannelBreakers, () => new Date());
    const first = await services.summary({ reportsLimit: 10 });
    expect(first.reports.length).toBeLessThanOrEqual(10);
    expect(first.reportsNextCursor).toBeTruthy();
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const s = await services.summary({ reportsLimit: 25, reportsCursor: cursor });
      ids.push(...s.reports.map((r) => r.submissionId));
      cursor = s.reportsNextCursor ?? undefined;
    } while (cursor);
    const expected = await t.db.query<{ submission_id: string }>(
      `SELECT DISTINCT submission_id FROM delivery_packets WHERE route = 'national'`,
    );
    expect(new Set(ids)).toEqual(new Set(expected.rows.map((r) => r.submission_id)));
  });

  it("each report of the summary carries the worst state of all its packets and its newest packet's unit, period and channel", async () => {
    const services = createDeliveryServices(t.db, new MemoryQueue(), { views: () => [] } as unknown as ChannelBreakers, () => new Date());
    const { reports } = await services.summary({ reportsLimit: 1000 });
    const rows = await t.db.query<{ submission_id: string; state: PacketState; org_unit_id: string; period_key: string; channel: string }>(
      `SELECT submission_id, state, org_unit_id, period_key, channel FROM delivery_packets
        WHERE route = 'national' AND subject_kind = 'report' ORDER BY created_at DESC, packet_id DESC`,
    );
    const bySubmission = new Map<string, typeof rows.rows>();
    for (const r of rows.rows) bySubmission.set(r.submission_id, [...(bySubmission.get(r.submission_id) ?? []), r]);
    // The seed gives every report two packets of different states, units, periods (and some channels).
    expect([...bySubmission.values()].some((ps) => ps.length === 2 && ps[0]!.state !== ps[1]!.state)).toBe(true);
    expect(reports).toHaveLength(bySubmission.size);
    for (const r of reports) {
      const ps = bySubmission.get(r.submissionId)!;
      expect(r).toEqual({
        submissionId: r.submissionId,
        state: worstState(ps.map((p) => p.state)),
        orgUnitId: ps[0]!.org_unit_id,
        periodKey: ps[0]!.period_key,
        formCode: 'F1',
        channel: ps[0]!.channel,
      });
    }
  });

  it('recent errors come newest first from the failed attempts only', async () => {
    await t.db.query(
      `INSERT INTO delivery_attempts (packet_id, attempt, channel, at, outcome, error_code, error_message, duration_ms)
       SELECT 'p0010', i, 'national', timestamptz '2027-01-03' + i * interval '1 second', CASE WHEN i % 3 = 0 THEN 'retry' ELSE 'ok' END,
         CASE WHEN i % 3 = 0 THEN 'E' || i END, 'm', 5 FROM generate_series(1, 30) AS i`,
    );
    const services = createDeliveryServices(t.db, new MemoryQueue(), { views: () => [] } as unknown as ChannelBreakers, () => new Date());
    const errors = await services.recentErrors(4);
    expect(errors.map((e) => e.code)).toEqual(['E30', 'E27', 'E24', 'E21']);
  });
});
