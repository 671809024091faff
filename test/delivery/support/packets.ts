import type { ApprovedReport } from '../../../src/core/approved-report.js';
import type { OutboundPacket } from '../../../src/delivery/channel.js';
import { writeOutbox } from '../../../src/delivery/outbox.js';
import type { Database } from '../../../src/store/database.js';

/** A frozen report like the one submissions hands to the dispatch listeners. */
export function fakeReport(submissionId: string, deadline = '2027-01-18'): ApprovedReport {
  return {
    submissionId,
    version: 1,
    kind: 'original',
    orgUnit: { id: 'prov', orgCode: '000.00.00.H41', name: 'UBND tỉnh' },
    form: { code: 'POP', name: 'Dân số', regimeCode: 'R-MONTH', type: 'data' },
    period: { kind: 'month', year: 2027, index: 1, key: '2027-M01', windowStart: '2026-12-15', windowEnd: '2027-01-14' },
    values: [{ indicatorCode: 'TOTAL', columnCode: 'THIS_PERIOD', value: 3, unit: 'người' }],
    approvedBy: 'leader-prov',
    approvedAt: '2027-01-15T02:00:00.000Z',
    deadline,
    classification: 'normal',
  };
}

/** Stands in for exchange.buildPackets: one report-data packet per report. */
export async function fakeBuildPackets(report: ApprovedReport): Promise<OutboundPacket[]> {
  const body = JSON.stringify({ submissionId: report.submissionId, version: report.version, values: report.values });
  return [
    {
      packetId: `PKT-${report.submissionId}-v${report.version}`,
      idempotencyKey: `IK-${report.submissionId}-v${report.version}`,
      packetType: 'report-data',
      submissionId: report.submissionId,
      body,
      signature: 'eyJhbGciOiJFUzI1NiJ9..sig',
      title: `Báo cáo ${report.form.name} ${report.period.key}`,
      deadline: report.deadline,
    },
  ];
}

/** Dispatches `n` reports the way the dispatch listener does: one transaction each. */
export async function dispatchReports(
  db: Database,
  n: number,
  prefix = 'S',
  now = new Date(),
  archive = false,
  deadline = '2027-01-18',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const report = fakeReport(`${prefix}${i}`, deadline);
    const packets = await fakeBuildPackets(report);
    await db.transaction((tx) => writeOutbox(tx, report, packets, archive, now));
    ids.push(packets[0]!.packetId);
  }
  return ids;
}

/** Waits until `check` holds (a liveness wait, not a timing assertion; the bound only ends a hung test). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function statesOf(db: Database): Promise<Record<string, number>> {
  const res = await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM delivery_packets GROUP BY state');
  return Object.fromEntries(res.rows.map((r) => [r.state, r.n]));
}
