import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { SubmissionsServices } from '../../src/core/submissions/module.js';
import type { ExchangeServices } from '../../src/exchange/services.js';
import { MemoryScheduler } from '../../src/scheduling/memory-scheduler.js';
import { MemoryQueue } from '../../src/delivery/queue/memory-queue.js';
import { createDeliveryModule } from '../../src/delivery/module.js';
import type { ModuleInstance } from '../../src/gateway/module.js';
import { listAudit } from '../../src/store/audit-log.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { errorOf, grid, prov, provinceApproved } from '../submissions/support/fixtures.js';
import { harness, type Harness } from '../submissions/support/setup.js';
import { CountingChannel } from './support/channels.js';
import { eventually, fakeBuildPackets } from './support/packets.js';
import { approvedValues } from '../../src/core/submissions/queries/approved-values.js';

const approved = (h: Harness) => provinceApproved(h);

describe.each(testDatabases)('transactional outbox through the delivery module on $name', ({ open }) => {
  let t: TestDatabase;
  let h: Harness;
  let national: CountingChannel;
  let instance: ModuleInstance;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE submissions, delivery_packets, delivery_outbox, delivery_attempts CASCADE');
    h = harness(t.db);
    national = new CountingChannel('national');
    const submissions: SubmissionsServices = {
      service: h.service,
      approvedValues: approvedValues(t.db),
      onDispatched: (l) => h.listeners.register(l),
      onRecalled: (l) => h.listeners.recalled.register(l),
      onReportStatus: (l) => h.listeners.status.register(l),
      recordNationalOutcome: (id, outcome) => h.service.recordNationalOutcome(id, outcome),
      markAcceptedByReceiver: (id, receipt) => h.service.markAcceptedByReceiver(id, receipt),
      useSigner: () => undefined,
      useAccountNames: () => undefined,
    };
    // No exchange here: packets come from fakeBuildPackets, and no test asks for a report-status packet.
    const exchange = {
      trust: undefined,
      buildReportStatus: () => Promise.reject(new Error('no exchange in this test')),
    } as unknown as ExchangeServices;
    const ctx = {
      config: loadConfig({ RELAY_POLL_MS: '10', RECONCILE_INTERVAL_MS: '100', MESSAGE_LOG_SEAL_MS: '20' }),
      db: t.db,
      now: () => h.clock.now,
      services: {
        submissions,
        exchange,
        scheduler: new MemoryScheduler({ now: () => h.clock.now }),
        channels: { endpoints: { nationalSimulated: false } },
        queues: { delivery: new MemoryQueue(), notifications: new MemoryQueue() },
      },
    };
    instance = await createDeliveryModule({ channels: { national }, buildPackets: fakeBuildPackets }).init(ctx);
  });
  afterEach(async () => {
    await instance.stop?.();
  });

  it('a failing dispatch listener rolls back the dispatch and writes no packet', async () => {
    const id = await approved(h);
    const off = h.listeners.register(async () => {
      throw new Error('later listener failed');
    });
    expect(await errorOf(h.service.transition(prov.clerk, id, 'dispatch'))).toBe('503 DISPATCH_FAILED');
    expect((await h.service.get(prov.clerk, id)).submission.state).toBe('approved');
    expect((await t.db.query('SELECT count(*)::int AS n FROM delivery_packets')).rows[0]).toEqual({ n: 0 });
    expect((await t.db.query('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]).toEqual({ n: 0 });
    off();
  });

  it('a committed dispatch is delivered and the national acknowledgement accepts the submission', async () => {
    const id = await approved(h);
    await h.service.transition(prov.clerk, id, 'dispatch');
    const rows = await t.db.query<{ state: string; idempotency_key: string }>(
      'SELECT state, idempotency_key FROM delivery_packets WHERE submission_id = $1',
      [id],
    );
    expect(rows.rows).toEqual([{ state: 'queued', idempotency_key: `IK-${id}-v1` }]);
    await instance.start!();
    await eventually(async () => (await h.service.get(prov.clerk, id)).submission.state === 'accepted', 'accepted by the national system');
    expect(national.accepted.has(`IK-${id}-v1`)).toBe(true);
    expect((await t.db.query<{ state: string }>('SELECT state FROM delivery_packets WHERE submission_id = $1', [id])).rows[0]!.state).toBe(
      'acknowledged',
    );
  });

  it('a recall cancels the packets that have not left yet, in the recall transaction', async () => {
    const id = await approved(h);
    await h.service.transition(prov.clerk, id, 'dispatch');
    await h.service.transition(prov.clerk, id, 'recall', { reason: 'Sai số liệu' });
    const row = (
      await t.db.query<{ state: string; last_error_code: string }>(
        'SELECT state, last_error_code FROM delivery_packets WHERE submission_id = $1',
        [id],
      )
    ).rows[0];
    expect(row).toEqual({ state: 'dead', last_error_code: 'REPORT_RECALLED' });
    expect((await t.db.query('SELECT count(*)::int AS n FROM delivery_outbox')).rows[0]).toEqual({ n: 0 });
    await instance.start!();
    expect(national.calls).toHaveLength(0);
  });

  it('a packet the national system refuses for good refuses the report, with the reason the unit reads, audited', async () => {
    const id = await approved(h);
    await h.service.transition(prov.clerk, id, 'dispatch');
    national.mode = 'reject';
    await instance.start!();
    await eventually(async () => (await h.service.get(prov.clerk, id)).submission.state === 'refused', 'refused on the report');
    expect((await t.db.query<{ state: string }>('SELECT state FROM delivery_packets WHERE submission_id = $1', [id])).rows[0]!.state).toBe(
      'rejected',
    );
    const view = await h.service.get(prov.entry, id);
    expect(view.submission).toMatchObject({ state: 'refused', version: 2, signature: null, firstSentAt: null });
    expect(view.statusReason).toMatchObject({
      action: 'refuse',
      actor: 'system:national',
      code: 'TEST_SIGNATURE_REJECTED',
      reason: expect.stringContaining('từ chối'),
    });
    expect(view.actions).toEqual(['submit']);
    const audit = await listAudit(t.db, { subject: id, action: 'submission.refuse' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ from: 'sent', to: 'refused', version: 2, receipt: { code: 'TEST_SIGNATURE_REJECTED' } });
    // Corrected and sent again as version 2, which the national system accepts.
    national.mode = 'ok';
    await h.service.saveValues(prov.entry, id, grid(4, 2, 2));
    await h.service.consolidate(prov.entry, id);
    await h.service.saveValues(prov.entry, id, grid(4, 2, 2));
    await h.service.transition(prov.entry, id, 'submit');
    await h.service.transition(prov.leader, id, 'approve');
    await h.service.transition(prov.clerk, id, 'dispatch');
    await eventually(async () => (await h.service.get(prov.clerk, id)).submission.state === 'accepted', 'version 2 accepted');
    expect(national.accepted.has(`IK-${id}-v2`)).toBe(true);
  });
});
