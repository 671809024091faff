import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/exchange/config.js';
import { certificatesFromPem } from '../../src/exchange/pki/certificates.js';
import { RevocationChecker } from '../../src/exchange/pki/revocation.js';
import { certificateChecks, TrustStore } from '../../src/exchange/pki/trust.js';
import { ocspSimulator } from '../../src/sim/ocsp/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const cert = (f: string) => certificatesFromPem(readFileSync(join(PKI, f), 'utf8'))[0]!;
const ca = cert('ca.crt.pem');

describe('revocation by OCSP (real openssl ocsp responder) and CRL', () => {
  let ocsp: RunningSimulator;
  let dir: string;
  beforeAll(async () => {
    // A private copy of the CA database: this test revokes a certificate while the responder runs.
    dir = mkdtempSync(join(tmpdir(), 'lienthong-ocsp-'));
    copyFileSync(join(PKI, 'ocsp-index.txt'), join(dir, 'index.txt'));
    ocsp = await ocspSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_OCSP_INDEX: join(dir, 'index.txt') } });
  }, 60_000);
  afterAll(async () => {
    await ocsp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('good and revoked leaders through certificateChecks; the organisation certificate is good', async () => {
    const trust = new TrustStore([ca]);
    let now = new Date('2026-12-01T08:00:00Z');
    trust.revocation = new RevocationChecker({ ocspUrl: ocsp.url, freshnessSeconds: 3600, now: () => now });
    const good = await certificateChecks(trust, [cert('leaders/lanhdao.tamduong.crt.pem'), ca], now);
    expect(good[3]).toMatchObject({ check: 'revocation', ok: true, message: 'not revoked (OCSP)' });
    const revoked = await certificateChecks(trust, [cert('leaders/revoked.crt.pem')], now);
    expect(revoked[3]!.ok).toBe(false);
    expect(revoked[3]!.message).toContain('is revoked since 2026-01-01');
    expect((await certificateChecks(trust, [cert('org.crt.pem')], now))[3]!.ok).toBe(true);
    now = new Date(now.getTime() + 1000);
  });

  it('caches answers for the freshness limit on the injected clock, then asks again', async () => {
    const trust = new TrustStore([ca]);
    let now = new Date('2026-12-01T08:00:00Z');
    const checker = new RevocationChecker({ ocspUrl: ocsp.url, freshnessSeconds: 3600, now: () => now });
    trust.revocation = checker;
    const leaf = cert('leaders/lanhdao.binhlu.crt.pem');
    expect((await certificateChecks(trust, [leaf], now))[3]!.ok).toBe(true);
    expect(checker.ocspRequests).toBe(1);
    // Revoke it in the responder's database: the cached "good" holds until the freshness limit.
    const index = join(dir, 'index.txt');
    writeFileSync(index, readFileSync(index, 'utf8').replace(/^V(\t\d+Z\t)\t(2002\t)/m, 'R$1261201000000Z,keyCompromise\t$2'));
    // The responder is restarted on the changed database (same URL) so the new status is served.
    const port = Number(new URL(ocsp.url).port);
    await ocsp.close();
    ocsp = await ocspSimulator.start({ port, host: '127.0.0.1', env: { SIM_OCSP_INDEX: index } });
    now = new Date(now.getTime() + 3600_000);
    expect((await certificateChecks(trust, [leaf], now))[3]!.ok).toBe(true);
    expect(checker.ocspRequests).toBe(1);
    now = new Date(now.getTime() + 1000);
    const after = await certificateChecks(trust, [leaf], now);
    expect(checker.ocspRequests).toBe(2);
    expect(after[3]!.ok).toBe(false);
  });

  it('falls back to the CRL when the responder is unreachable, and fails closed with neither', async () => {
    const now = new Date('2026-12-02T00:00:00Z');
    const trust = new TrustStore([ca]);
    trust.revocation = new RevocationChecker({
      ocspUrl: 'http://127.0.0.1:1/',
      crlSources: [join(PKI, 'ca.crl.pem')],
      freshnessSeconds: 3600,
      now: () => now,
      timeoutMs: 2000,
    });
    expect((await certificateChecks(trust, [cert('leaders/revoked.crt.pem')], now))[3]).toMatchObject({ ok: false });
    expect((await certificateChecks(trust, [cert('leaders/lanhdao.tinh.crt.pem')], now))[3]).toMatchObject({
      ok: true,
      message: 'not revoked (CRL)',
    });
    const closed = new TrustStore([ca]);
    closed.revocation = new RevocationChecker({ ocspUrl: 'http://127.0.0.1:1/', freshnessSeconds: 3600, now: () => now, timeoutMs: 2000 });
    const unknown = (await certificateChecks(closed, [cert('leaders/lanhdao.tinh.crt.pem')], now))[3]!;
    expect(unknown.ok).toBe(false);
    expect(unknown.message).toContain('unknown');
  });

  it('an expired CRL does not answer', async () => {
    const now = new Date('2040-01-01T00:00:00Z');
    const trust = new TrustStore([ca]);
    trust.revocation = new RevocationChecker({ crlSources: [join(PKI, 'ca.crl.pem')], freshnessSeconds: 3600, now: () => now });
    const r = (await certificateChecks(trust, [cert('leaders/lanhdao.tinh.crt.pem')], now))[3]!;
    expect(r.ok).toBe(false);
    expect(r.message).toContain('CRL expired');
  });
});
