import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit-log.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { mutualTlsServerOptions } from '../../src/identity/tls.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';
import { Client, bearerFor } from './support/http.js';
import { issueCertificate, type IssuedCertificate } from './support/pki.js';

describe('org scope through real modules, and mutual TLS for ministry clients', () => {
  let h: IdentityHarness;
  let c: Client;
  let binhLuSubmission: string;
  let tamDuongAssignment: string;
  let binhLuAssignment: string;
  const auth = async (username: string) => ({ authorization: `Bearer ${await bearerFor(h.base, username, DEMO_PASSWORD)}` });

  beforeAll(async () => {
    h = await startIdentityHarness();
    c = new Client(h.base);
    const core = h.gw.ctx.services.core!;
    const assignments = await core.assignments.generate('KTXH-THANG', '2026-M11');
    binhLuAssignment = assignments.find((a) => a.orgUnitId === 'lc-x-binh-lu')!.id;
    tamDuongAssignment = assignments.find((a) => a.orgUnitId === 'lc-x-tam-duong')!.id;
    const created = await c.call<{ id: string }>('POST', '/api/v1/submissions', {
      headers: await auth('nhaplieu.binhlu'),
      json: { assignmentId: binhLuAssignment },
    });
    expect(created.status).toBe(201);
    binhLuSubmission = created.body.id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets a data_entry user of commune A neither read nor create commune B reports (403, audited)', async () => {
    const tamDuong = await auth('nhaplieu.tamduong');
    const read = await c.call('GET', `/api/v1/submissions/${binhLuSubmission}`, { headers: tamDuong });
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject({ code: 'ORG_SCOPE_FORBIDDEN' });
    const write = await c.call('POST', '/api/v1/submissions', { headers: tamDuong, json: { assignmentId: binhLuAssignment } });
    expect(write.status).toBe(403);
    const own = await c.call('POST', '/api/v1/submissions', { headers: tamDuong, json: { assignmentId: tamDuongAssignment } });
    expect(own.status).toBe(201);
    const audited = (await listAudit(h.t.db, { action: 'auth.refused', limit: 500 })).filter(
      (e) => e.details.code === 'ORG_SCOPE_FORBIDDEN' && e.details.path === `/api/v1/submissions/${binhLuSubmission}`,
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.orgUnitId).toBe('lc-x-tam-duong');
    const list = await c.call<{ submissions: { orgUnitId: string }[] }>('GET', '/api/v1/submissions?periodKey=2026-M11', {
      headers: tamDuong,
    });
    expect(list.body.submissions.map((s) => s.orgUnitId)).toEqual(['lc-x-tam-duong']);
  });

  it('the province leader sees both communes', async () => {
    const read = await c.call('GET', `/api/v1/submissions/${binhLuSubmission}`, { headers: await auth('lanhdao.tinh') });
    expect(read.status).toBe(200);
  });

  describe('mutual TLS', () => {
    let ca: IssuedCertificate;
    let registered: IssuedCertificate;
    let stranger: IssuedCertificate;
    let server: https.Server;
    let port: number;

    beforeAll(async () => {
      ca = issueCertificate({ commonName: 'Test ministry CA', ca: true });
      registered = issueCertificate({ commonName: 'so-y-te-he-thong', issuer: ca });
      stranger = issueCertificate({ commonName: 'not-registered', issuer: ca });
      const serverCert = issueCertificate({ commonName: '127.0.0.1', issuer: ca, serverAltName: '127.0.0.1' });
      const dir = mkdtempSync(join(tmpdir(), 'lienthong-mtls-'));
      for (const [name, pem] of Object.entries({ 'server.crt': serverCert.certPem, 'server.key': serverCert.keyPem, 'ca.crt': ca.certPem }))
        writeFileSync(join(dir, name), pem);
      const options = mutualTlsServerOptions({
        TLS_CERT: join(dir, 'server.crt'),
        TLS_KEY: join(dir, 'server.key'),
        TLS_CLIENT_CA: join(dir, 'ca.crt'),
      })!;
      server = https.createServer(options, h.gw.app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      port = (server.address() as AddressInfo).port;
      const reg = await c.call('POST', '/api/v1/clients', {
        headers: await auth('admin'),
        json: {
          clientId: 'so-y-te-he-thong',
          name: 'Hệ thống ngành Y tế',
          ministryCode: 'BYT',
          orgUnitId: 'lc-x-tam-duong',
          indicatorCodes: ['0301'],
          certificatePem: registered.certPem,
        },
      });
      expect(reg.status).toBe(201);
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    });

    const get = (path: string, cert?: IssuedCertificate) =>
      new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        const req = https.request(
          { host: '127.0.0.1', port, path, method: 'GET', ca: ca.certPem, cert: cert?.certPem, key: cert?.keyPem, agent: false },
          (res) => {
            let data = '';
            res.on('data', (d: Buffer) => (data += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) as Record<string, unknown> }));
          },
        );
        req.on('error', reject);
        req.end();
      });

    it('authenticates a registered client certificate as its ministry client, scoped to its unit', async () => {
      const s = await get('/api/v1/session', registered);
      expect(s.status).toBe(200);
      expect(s.body.principal).toMatchObject({
        kind: 'client',
        id: 'so-y-te-he-thong',
        ministryCode: 'BYT',
        orgUnitId: 'lc-x-tam-duong',
        roles: ['ministry_client'],
      });
      const foreign = await get(`/api/v1/submissions/${binhLuSubmission}`, registered);
      expect(foreign.status).toBe(403);
      expect(foreign.body).toMatchObject({ code: 'ORG_SCOPE_FORBIDDEN' });
    });

    it('refuses a CA-signed but unregistered certificate, and treats no certificate as anonymous', async () => {
      const s = await get('/api/v1/session', stranger);
      expect(s.status).toBe(401);
      expect(s.body).toMatchObject({ code: 'CLIENT_CERT_UNKNOWN' });
      expect((await listAudit(h.t.db, { action: 'auth.refused' })).some((e) => e.details.code === 'CLIENT_CERT_UNKNOWN')).toBe(true);
      expect((await get('/api/v1/session')).status).toBe(401);
    });

    it('refuses a certificate from another CA', async () => {
      const rogue = issueCertificate({ commonName: 'so-y-te-he-thong' });
      const r = await get('/api/v1/session', rogue);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: 'CLIENT_CERT_UNTRUSTED' });
    });
  });
});
