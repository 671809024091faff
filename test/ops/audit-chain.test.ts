import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/ops/audit-viewer.js';
import { withCorrelationId } from '../../src/shared/logger.js';
import { sealAllAudit, verifyAudit } from '../../src/store/audit-chain.js';
import { appendAudit } from '../../src/store/audit-log.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';

describe.each(testDatabases)('audit log hash chain and viewer ($name)', ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    for (const [i, action] of ['auth.login', 'submission.submit', 'submission.approve', 'auth.login', 'user.disabled'].entries()) {
      await withCorrelationId(
        `corr-${i}`,
        () =>
          appendAudit(t.db, {
            actor: i % 2 ? 'u-tamduong' : 'u-admin',
            action,
            subject: `s-${i}`,
            orgUnitId: i % 2 ? 'lc-x-tam-duong' : 'lai-chau',
            details: { n: i, nested: { b: 1, a: 2 } },
          }),
        `10.0.0.${i}`,
      );
    }
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('seals entries into a chain that verifies; entries not sealed yet are counted as pending', async () => {
    expect(await verifyAudit(t.db)).toEqual({ ok: true, checked: 0, pending: 5 });
    expect(await sealAllAudit(t.db)).toBe(5);
    expect(await sealAllAudit(t.db)).toBe(0);
    await appendAudit(t.db, { actor: 'u-admin', action: 'auth.logout' });
    expect(await verifyAudit(t.db)).toEqual({ ok: true, checked: 5, pending: 1 });
    expect(await sealAllAudit(t.db)).toBe(1);
    expect(await verifyAudit(t.db)).toEqual({ ok: true, checked: 6, pending: 0 });
  });

  it('the viewer filters by user, unit, action (or prefix) and time, newest first, in keyset pages, with where it came from', async () => {
    const all = await queryAudit(t.db, { limit: 100 });
    expect(all.entries.map((e) => e.action)).toEqual([
      'auth.logout',
      'user.disabled',
      'auth.login',
      'submission.approve',
      'submission.submit',
      'auth.login',
    ]);
    expect(all.entries[1]).toMatchObject({ actor: 'u-admin', ip: '10.0.0.4', correlationId: 'corr-4', seq: 5, orgUnitId: 'lai-chau' });
    expect((await queryAudit(t.db, { actor: 'u-tamduong', limit: 10 })).entries.map((e) => e.subject)).toEqual(['s-3', 's-1']);
    expect((await queryAudit(t.db, { action: 'submission.', limit: 10 })).entries.map((e) => e.subject)).toEqual(['s-2', 's-1']);
    expect((await queryAudit(t.db, { orgUnitId: 'lc-x-tam-duong', action: 'auth.login', limit: 10 })).entries).toHaveLength(1);
    expect((await queryAudit(t.db, { from: new Date(Date.now() + 60_000), limit: 10 })).entries).toHaveLength(0);
    const first = await queryAudit(t.db, { limit: 4 });
    expect(first.nextCursor).not.toBeNull();
    const second = await queryAudit(t.db, { limit: 4, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.subject)).toEqual(['s-1', 's-0']);
    expect(second.nextCursor).toBeNull();
  });

  it('a changed record fails at its sequence number; a deleted one is missing', async () => {
    await t.db.query("UPDATE audit_log SET actor = 'u-someone-else' WHERE seq = 3");
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, checked: 2, firstBad: { seq: 3, problem: 'ALTERED' } });
    await t.db.query("UPDATE audit_log SET actor = 'u-admin' WHERE seq = 3");
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
    await t.db.query(`UPDATE audit_log SET details = '{"n": 9}'::jsonb WHERE seq = 4`);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, firstBad: { seq: 4, problem: 'ALTERED' } });
    await t.db.query('DELETE FROM audit_log WHERE seq = 4');
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, checked: 3, firstBad: { seq: 4, problem: 'MISSING' } });
  });
});
