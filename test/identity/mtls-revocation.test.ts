import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/exchange/config.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { exchangeModule } from '../../src/exchange/module.js';
import type { ExchangeServices } from '../../src/exchange/services.js';
import { mutualTlsServerOptions } from '../../src/identity/tls.js';
import { ocspSimulator } from '../../src/sim/ocsp/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { listAudit } from '../../src/store/audit-log.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { Client, bearerFor } from './support/http.js';
import { issueCertificate, type IssuedCertificate } from './support/pki.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');

/** A ministry system's client certificate issued by the test CA with openssl, as the CA would. */
function issueClient(dir: string, name: string, serial: string): IssuedCertificate {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const crt = join(dir, `${name}.crt`);
  const ext = join(dir, 'client.ext');
  writeFileSync(ext, 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n');
  execFileSync(
    'openssl',
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-subj', `/C=VN/O=Bo Y te/CN=${name}`, '-out', csr],
    {
      stdio: 'ignore',
    },
  );
  execFileSync('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    join(PKI, 'ca.crt.pem'),
    '-CAkey',
    join(PKI, 'ca.key.pem'),
    '-set_serial',
    `0x${serial}`,
    '-days',
    '3650',
    '-extfile',
    ext,
    '-out',
    crt,
  ]);
  return { certPem: readFileSync(crt, 'utf8'), keyPem: readFileSync(key, 'utf8') };
}

/**
 * Ministry mutual TLS checks revocation with the checker leaders, the organisation signer and
 * edXML use (the exchange's OCSP-then-CRL checker), against the real `openssl ocsp` responder
 * over a private copy of the test CA's database that marks one client certificate revoked.
 */
describe('mutual TLS: a revoked ministry client certificate is refused', () => {
  let dir: string;
  let ocsp: RunningSimulator;
  let h: IdentityHarness;
  let server: https.Server;
  let port: number;
  let serverCa: IssuedCertificate;
  let good: IssuedCertificate;
  let revoked: IssuedCertificate;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lienthong-mtls-ocsp-'));
    good = issueClient(dir, 'so-y-te-he-thong', '7A01');
    revoked = issueClient(dir, 'so-gd-he-thong', '7A02');
    const index = join(dir, 'index.txt');
    copyFileSync(join(PKI, 'ocsp-index.txt'), index);
    appendFileSync(index, 'V\t360630000000Z\t\t7A01\tunknown\t/C=VN/O=Bo Y te/CN=so-y-te-he-thong\n');
    appendFileSync(index, 'R\t360630000000Z\t261101000000Z,keyCompromise\t7A02\tunknown\t/C=VN/O=Bo Y te/CN=so-gd-he-thong\n');
    ocsp = await ocspSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_OCSP_INDEX: index } });
    // No CRL: the answer has to come from the responder (the demo CRL does not list these clients).
    h = await startIdentityHarness({
      env: { OCSP_RESPONDER_URL: ocsp.url, CRL_SOURCES: ' ' },
      extraModules: [mappingsModule, exchangeModule],
    });
    serverCa = issueCertificate({ commonName: 'Test server CA', ca: true });
    const serverCert = issueCertificate({ commonName: '127.0.0.1', issuer: serverCa, serverAltName: '127.0.0.1' });
    for (const [name, pem] of Object.entries({ 'server.crt': serverCert.certPem, 'server.key': serverCert.keyPem }))
      writeFileSync(join(dir, name), pem);
    server = https.createServer(
      mutualTlsServerOptions({
        TLS_CERT: join(dir, 'server.crt'),
        TLS_KEY: join(dir, 'server.key'),
        TLS_CLIENT_CA: join(PKI, 'ca.crt.pem'),
      })!,
      h.gw.app,
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
    const admin = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const c = new Client(h.base);
    for (const [clientId, cert] of [
      ['so-y-te-he-thong', good],
      ['so-gd-he-thong', revoked],
    ] as const) {
      const reg = await c.call('POST', '/api/v1/clients', {
        headers: admin,
        json: {
          clientId,
          name: clientId,
          ministryCode: 'BYT',
          orgUnitId: 'lc-x-tam-duong',
          indicatorCodes: ['0301'],
          certificatePem: cert.certPem,
        },
      });
      expect(reg.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await h?.close();
    await ocsp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, cert: IssuedCertificate) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port, path, method: 'GET', ca: serverCa.certPem, cert: cert.certPem, key: cert.keyPem, agent: false },
        (res) => {
          let data = '';
          res.on('data', (d: Buffer) => (data += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) as Record<string, unknown> }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('lets the good client in after asking the responder once (the answer is cached), refuses the revoked one in Vietnamese, audited', async () => {
    const checker = (h.gw.ctx.services.exchange as ExchangeServices).revocation;
    const before = checker.ocspRequests;
    const ok = await get('/api/v1/session', good);
    expect(ok.status).toBe(200);
    expect(ok.body.principal).toMatchObject({ kind: 'client', id: 'so-y-te-he-thong' });
    expect(checker.ocspRequests).toBe(before + 1);
    expect((await get('/api/v1/session', good)).status).toBe(200);
    expect(checker.ocspRequests).toBe(before + 1);

    const refused = await get('/api/v1/session', revoked);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('CLIENT_CERT_REVOKED');
    expect(refused.body.message).toContain('Chứng thư số của hệ thống kết nối so-gd-he-thong đã bị thu hồi: từ chối kết nối');
    expect(refused.body.message).toContain('since 2026-11-01');
    const audit = (await listAudit(h.t.db, { action: 'auth.refused', limit: 100 })).filter((e) => e.details.code === 'CLIENT_CERT_REVOKED');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('so-gd-he-thong');
  });

  it('fails closed when neither the responder nor a CRL can answer', async () => {
    const checker = (h.gw.ctx.services.exchange as ExchangeServices).revocation;
    await ocsp.close();
    // A client never asked about before: no cached answer to fall back on.
    const late = issueClient(dir, 'so-tc-he-thong', '7A03');
    const admin = { authorization: `Bearer ${await bearerFor(h.base, 'admin', DEMO_PASSWORD)}` };
    const reg = await new Client(h.base).call('POST', '/api/v1/clients', {
      headers: admin,
      json: {
        clientId: 'so-tc-he-thong',
        name: 'so-tc-he-thong',
        ministryCode: 'BYT',
        orgUnitId: 'lc-x-tam-duong',
        indicatorCodes: ['0301'],
        certificatePem: late.certPem,
      },
    });
    expect(reg.status).toBe(201);
    const r = await get('/api/v1/session', late);
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('CLIENT_CERT_STATUS_UNKNOWN');
    expect(checker.configured).toBe(true);
  });
});
