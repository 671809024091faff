import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanningConfigFrom } from '../../src/scanning/config.js';
import { readSettings } from '../../src/settings/read-settings.js';
import { createFileGuard } from '../../src/scanning/file-guard.js';
import { MemoryScanner } from '../../src/scanning/memory-scanner.js';
import { EICAR } from '../../src/scanning/scanner.js';
import { listAudit } from '../../src/store/audit-log.js';
import { openPgliteTestDatabase, type TestDatabase } from '../support/databases.js';

/** The guard's policy (settings SCAN_ON_UNAVAILABLE, SCAN_REQUIRED) over the in-memory fake scanner. */
describe('file guard policy', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openPgliteTestDatabase();
  });
  afterAll(async () => {
    await t.dispose();
  });
  const file = (content: string) => ({ content: Buffer.from(content, 'latin1'), name: 'bao-cao.csv', purpose: 'ministry-import-values' });
  const by = { actor: 'client-bnnmt', orgUnitId: 'lai-chau' };

  const readScanningConfig = (env: Record<string, string | undefined>) => scanningConfigFrom(readSettings(env));
  it('reads the settings: fail closed by default, scanner required with DATABASE_URL', () => {
    expect(readScanningConfig({})).toEqual({ timeoutMs: 30_000, onUnavailable: 'refuse', required: false });
    expect(readScanningConfig({ DATABASE_URL: 'postgres://x/y', CLAMD_HOST: 'av.local' })).toMatchObject({
      clamd: { host: 'av.local', port: 3310 },
      required: true,
    });
    expect(
      readScanningConfig({ CLAMD_SOCKET: '/run/clamav/clamd.ctl', SCAN_ON_UNAVAILABLE: 'accept', SCAN_REQUIRED: 'true' }),
    ).toMatchObject({ clamd: { socket: '/run/clamav/clamd.ctl' }, onUnavailable: 'accept', required: true });
    for (const env of [
      { SCAN_ON_UNAVAILABLE: 'maybe' },
      { CLAMD_SOCKET: '/s', CLAMD_HOST: 'h' },
      { CLAMD_HOST: 'h', CLAMD_PORT: '0' },
      { SCAN_REQUIRED: 'perhaps' },
    ]) {
      expect(() => readScanningConfig(env)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    }
  });

  it('lets a clean file through and records nothing', async () => {
    const scanner = new MemoryScanner();
    const guard = createFileGuard({ scanner, db: t.db, onUnavailable: 'refuse', required: true });
    await guard.assertClean(file('a,b\n1,2\n'), by);
    expect(scanner.scanned).toHaveLength(1);
    expect(await listAudit(t.db, { subject: 'bao-cao.csv' })).toEqual([]);
  });

  it('accepts unscanned, audited, only when SCAN_ON_UNAVAILABLE=accept', async () => {
    const scanner = Object.assign(new MemoryScanner(), { down: true });
    const refuse = createFileGuard({ scanner, db: t.db, onUnavailable: 'refuse', required: true });
    await expect(refuse.assertClean(file('x'), by)).rejects.toMatchObject({ code: 'SCANNER_UNAVAILABLE', status: 503 });
    const accept = createFileGuard({ scanner, db: t.db, onUnavailable: 'accept', required: true });
    await expect(accept.assertClean(file('x'), by)).resolves.toBeUndefined();
    expect((await listAudit(t.db, { action: 'file.accepted_unscanned' }))[0]).toMatchObject({
      actor: 'client-bnnmt',
      orgUnitId: 'lai-chau',
      details: { reason: 'SCANNER_UNAVAILABLE', scanner: 'memory' },
    });
    // Even "accept" never lets a found signature through.
    scanner.down = false;
    await expect(accept.assertClean(file(EICAR), by)).rejects.toMatchObject({ code: 'FILE_INFECTED', status: 422 });
  });

  it('with no scanner: refuses with SCANNER_NOT_CONFIGURED when required, accepts (demo) when not', async () => {
    const required = createFileGuard({ db: t.db, onUnavailable: 'refuse', required: true });
    await expect(required.assertClean(file('x'), by)).rejects.toMatchObject({ code: 'SCANNER_NOT_CONFIGURED', status: 503 });
    expect((await listAudit(t.db, { action: 'file.refused' }))[0]).toMatchObject({
      details: { reason: 'SCANNER_NOT_CONFIGURED', scanner: 'none' },
    });
    const demo = createFileGuard({ db: t.db, onUnavailable: 'refuse', required: false });
    await expect(demo.assertClean(file(EICAR), by)).resolves.toBeUndefined();
  });
});
