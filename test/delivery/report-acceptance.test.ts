import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeOutbox } from '../../src/delivery/outbox.js';
import { openReportPackets, openReportPacketsBatched, openReportPacketsMany } from '../../src/delivery/report-acceptance.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { fakeBuildPackets, fakeReport } from './support/packets.js';

const NOW = new Date('2027-01-16T04:00:00Z');

/** A report travelling as `n` national packets (and one archive copy each), all queued. */
async function dispatch(t: TestDatabase, id: string, n: number): Promise<string[]> {
  const report = fakeReport(id);
  const [one] = await fakeBuildPackets(report);
  const packets = Array.from({ length: n }, (_, k) => ({
    ...one!,
    packetId: `${one!.packetId}-${k}`,
    idempotencyKey: `${one!.idempotencyKey}-${k}`,
  }));
  await t.db.transaction((tx) => writeOutbox(tx, report, packets, true, NOW));
  return packets.map((p) => p.packetId);
}

const arrive = (t: TestDatabase, ids: string[], state = 'acknowledged') =>
  t.db.query('UPDATE delivery_packets SET state = $2 WHERE packet_id IN (SELECT jsonb_array_elements_text($1::jsonb))', [
    JSON.stringify(ids),
    state,
  ]);

describe.each(testDatabases)('open national packets of a report on $name', ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE delivery_packets, delivery_outbox CASCADE');
  });

  it('counts per report version in the order asked, archive copies and other versions aside', async () => {
    const a = await dispatch(t, 'A', 3);
    const b = await dispatch(t, 'B', 2);
    await arrive(t, [a[0]!]);
    await arrive(t, [a[1]!], 'reconciled');
    await arrive(t, b);
    const asked = [
      { submissionId: 'B', version: 1 },
      { submissionId: 'A', version: 1 },
      { submissionId: 'A', version: 2 },
      { submissionId: 'NONE', version: 1 },
      { submissionId: 'A', version: 1 },
    ];
    expect(await openReportPacketsMany(t.db, asked)).toEqual([0, 1, 0, 0, 1]);
    expect(await openReportPackets(t.db, 'A', 1)).toBe(1);
    expect(await openReportPacketsMany(t.db, [])).toEqual([]);
  });

  it('answers concurrent questions together, each with its own report (no answer lost or swapped)', async () => {
    const ids = ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'];
    const packets = await Promise.all(ids.map((id, i) => dispatch(t, id, 1 + (i % 3))));
    // Half the reports have fully arrived; the others keep (i % 3) + 1 packets open.
    await arrive(t, packets.filter((_, i) => i % 2 === 0).flat());
    const ask = openReportPacketsBatched(t.db);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, k) => ask(ids[k % ids.length]!, 1)));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, k) => (k % 2 === 0 ? 0 : 1 + ((k % ids.length) % 3))));
  });
});
