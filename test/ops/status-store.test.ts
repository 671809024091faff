import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusFromStore } from '../../src/cli/status-store.js';
import { loadConfig } from '../../src/config.js';
import { formatSyncStatus, STATUS_LIST_ROWS } from '../../src/console/sync-status.js';
import { openDatabase } from '../../src/store/open-database.js';

/** Packets written as the delivery engine stores them: `n` per state, one report each. */
const packets = (n: number, state: string, from: number) =>
  `INSERT INTO delivery_packets (packet_id, idempotency_key, route, subject_kind, subject_id, submission_id, packet_type, org_unit_id,
     period_key, form_code, title, body, signature, state, channel, attempts, created_at, updated_at, last_error_code)
   SELECT 'p' || i, 'k' || i, 'national', 'report', 's' || i, 's' || i, 'BC_DU_LIEU', 'u1', '2027-M01', 'BM01', 'Báo cáo', '{}', 'sig',
     '${state}', 'national', 3, timestamptz '2027-01-01' + i * interval '1 minute', timestamptz '2027-01-01' + i * interval '1 minute', 'NATIONAL_5XX'
   FROM generate_series(${from}, ${from + n - 1}) i`;

// The store path of `lienthong status` (no gateway running), on the embedded store.
describe('lienthong status from the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-status-'));
  const config = loadConfig({ DATA_DIR: dir, REDIS_URL: '', START_SIMULATORS: 'false', SEED_DEMO: 'false', LOG_LEVEL: 'error' });

  beforeAll(async () => {
    const db = await openDatabase(config);
    await db.query(
      `INSERT INTO org_units (id, org_code, name, kind, created_at, updated_at) VALUES ('u1', 'U1', 'Sở Thử', 'department', now(), now())`,
    );
    await db.query(packets(30, 'dead', 1));
    await db.query(packets(5, 'acknowledged', 100));
    await db.query(
      `INSERT INTO delivery_channel_health (channel, failing_since, updated_at) VALUES ('edoc', '2027-01-20T03:00:00Z', now())`,
    );
    await db.close();
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one page of each list, the counts in full, and the channels as the database knows them', async () => {
    const { status, attention, capped } = await statusFromStore(config, undefined, STATUS_LIST_ROWS);
    expect(status.byState).toMatchObject({ dead: 30, acknowledged: 5 });
    expect(attention).toHaveLength(STATUS_LIST_ROWS + 1);
    expect(capped).toBe(true);
    expect(status.reports).toHaveLength(STATUS_LIST_ROWS);
    expect(status.reportsNextCursor).toEqual(expect.any(String));
    expect(status.reports[0]).toMatchObject({ orgUnitName: 'Sở Thử', submissionId: 's104' });
    expect(status.circuits).toEqual([
      { channel: 'edoc', state: 'closed', failingSince: '2027-01-20T03:00:00.000Z' },
      { channel: 'national', state: 'closed', failingSince: null },
    ]);
    const text = formatSyncStatus(status, (id) => id, attention, String, { attentionCapped: capped });
    expect(text).toContain('Cần xử lý (mọi kỳ): ít nhất 21');
    expect(text).toContain('… và còn báo cáo khác');
  }, 120_000);
});
