import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runPacketVerify } from '../../src/cli/commands/packet.js';
import { join } from 'node:path';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovedReport } from '../../src/core/approved-report.js';
import { DEMO_P12_PASSWORD, REPO_ROOT } from '../../src/exchange/config.js';
import { PacketBuilder } from '../../src/exchange/packets/builder.js';
import { verifyPacket } from '../../src/exchange/packets/verify-packet.js';
import { loadP12Credentials } from '../../src/exchange/pki/credentials.js';
import { RevocationChecker } from '../../src/exchange/pki/revocation.js';
import { TrustStore } from '../../src/exchange/pki/trust.js';
import { PersonalReportSigner } from '../../src/exchange/signing/approval-signer.js';
import { LeaderCredentials } from '../../src/exchange/signing/leader-credentials.js';
import { CertificateReportSigner } from '../../src/exchange/signing/report-signer.js';
import { createTsaClient } from '../../src/exchange/timestamp/tsa-client.js';
import { cscSimulator, DEFAULT_CSC_CLIENT_ID, DEFAULT_CSC_CLIENT_SECRET, DEFAULT_CSC_PIN } from '../../src/sim/csc/index.js';
import { checkPacket, loadAnchors } from '../../src/sim/national/check-packet.js';
import { nationalSimulator } from '../../src/sim/national/index.js';
import { ocspSimulator } from '../../src/sim/ocsp/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { tsaSimulator } from '../../src/sim/tsa/index.js';
import { monthlyReport, nationalMappings, orgCredentials } from '../exchange/support/reports.js';
import { createTestToken, SOFTHSM_MODULE, type TestToken } from '../support/softhsm.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const pem = (f: string) => readFileSync(join(PKI, f), 'utf8');

/**
 * The signing half of issue #10's e2e: two commune leaders approve with their own PKCS#12 and
 * SoftHSM2 credentials, the province's consolidated report is signed remotely by its leader
 * through the CSC simulator (OTP confirmation), the national packet (profile v2) carries the
 * three JAdES B-T approvals and the national simulator verifies the organisation's signature and
 * each leader's with its own code (jose, X509Certificate, openssl ts -verify).
 */
describe('national packet v2: organisation + every leader verified by the national simulator', () => {
  let sims: RunningSimulator[] = [];
  let national: RunningSimulator;
  let csc: RunningSimulator;
  let token: TestToken;
  let signer: PersonalReportSigner;
  const trust = TrustStore.fromFiles([join(PKI, 'ca.crt.pem')]);
  const now = () => new Date('2027-01-16T04:00:00Z');

  beforeAll(async () => {
    const [tsa, ocsp, c, n] = await Promise.all([
      tsaSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
      ocspSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
      cscSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
      nationalSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
    ]);
    sims = [tsa!, ocsp!, c!, n!];
    csc = c!;
    national = n!;
    token = createTestToken('lienthong-e2e-binhlu', '86420', [
      { label: 'lanhdao.binhlu', keyPem: pem('leaders/lanhdao.binhlu.key.pem'), certPem: pem('leaders/lanhdao.binhlu.crt.pem') },
    ]);
    trust.revocation = new RevocationChecker({ ocspUrl: ocsp!.url, freshnessSeconds: 3600, now });
    const leaders = new LeaderCredentials(
      [
        { orgUnitId: 'lc-x-tam-duong', pkcs12: { file: join(PKI, 'leaders', 'lanhdao.tamduong.p12'), password: DEMO_P12_PASSWORD } },
        {
          orgUnitId: 'lc-x-binh-lu',
          pkcs11: {
            module: SOFTHSM_MODULE,
            tokenLabel: 'lienthong-e2e-binhlu',
            keyLabel: 'lanhdao.binhlu',
            issuers: join(PKI, 'ca.crt.pem'),
          },
        },
        {
          orgUnitId: 'lai-chau',
          csc: { credentialID: 'lanhdao.tinh', clientId: DEFAULT_CSC_CLIENT_ID, clientSecret: DEFAULT_CSC_CLIENT_SECRET },
        },
      ],
      {},
      REPO_ROOT,
      undefined,
      () => csc.url,
    );
    const legacy = new CertificateReportSigner(loadP12Credentials(join(PKI, 'leader.p12'), DEMO_P12_PASSWORD), trust, now);
    signer = new PersonalReportSigner(leaders, trust, createTsaClient({ url: tsa!.url, trust }), now, legacy);
  }, 90_000);
  afterAll(async () => {
    token?.remove();
    await Promise.all(sims.map((s) => s.close()));
  });

  const commune = (id: string, orgCode: string, name: string): ApprovedReport =>
    monthlyReport({ submissionId: `sub-${id}`, orgUnit: { id, orgCode, name } });

  async function approvedPacket() {
    const tamDuong = commune('lc-x-tam-duong', '000.03.31.H29', 'Xã Tam Đường');
    const binhLu = commune('lc-x-binh-lu', '000.04.31.H29', 'Xã Bình Lư');
    const a = await signer.sign(tamDuong, { signerId: 'u-lo-van-binh', orgUnitId: 'lc-x-tam-duong' });
    const b = await signer.sign(binhLu, { signerId: 'u-tan-thi-chi', orgUnitId: 'lc-x-binh-lu', authorization: { pin: '86420' } });
    const province = monthlyReport({ orgUnit: { id: 'lai-chau', orgCode: '000.00.00.H29', name: 'Ủy ban nhân dân tỉnh Lai Châu' } });
    const ctx = { signerId: 'u-nguyen-van-an', orgUnitId: 'lai-chau' };
    await expect(signer.sign(province, { ...ctx, authorization: { pin: DEFAULT_CSC_PIN } })).rejects.toMatchObject({
      code: 'SIGNING_CONFIRMATION_REQUIRED',
    });
    const { otp } = (await (await fetch(`${csc.url}/_sim/otp/lanhdao.tinh`)).json()) as { otp: string };
    const p = await signer.sign(province, { ...ctx, authorization: { pin: DEFAULT_CSC_PIN, otp } });
    const dispatched: ApprovedReport = {
      ...province,
      approvals: [
        { role: 'approval', submissionId: province.submissionId, version: 1, orgCode: '000.00.00.H29', signature: p.signature },
        { role: 'source', submissionId: tamDuong.submissionId, version: 1, orgCode: '000.03.31.H29', signature: a.signature },
        { role: 'source', submissionId: binhLu.submissionId, version: 1, orgCode: '000.04.31.H29', signature: b.signature },
      ],
    };
    const builder = new PacketBuilder({ mappings: nationalMappings, credentials: orgCredentials });
    const [packet] = await builder.build(dispatched);
    return packet!;
  }

  it('builds a v2 packet the national simulator accepts, verifying the organisation and each leader with its own code', async () => {
    const packet = await approvedPacket();
    const body = JSON.parse(packet.body) as { profileVersion: string; approvals: unknown[] };
    expect(body.profileVersion).toBe('2.0');
    expect(body.approvals).toHaveLength(3);
    const own = await checkPacket(packet.body, packet.signature, loadAnchors([join(PKI, 'ca.crt.pem')]), now());
    expect(own.checks.filter((c) => !c.ok)).toEqual([]);
    const approvals = own.checks.find((c) => c.check === 'approvals') as unknown as { signers: { signer: string; ok: boolean }[] };
    expect(approvals.signers.map((s) => s.ok)).toEqual([true, true, true]);
    expect(approvals.signers.map((s) => s.signer).join('|')).toMatch(/Nguyễn Văn An.*Lò Văn Bình.*Tẩn Thị Chi/s);
    expect(own.signer).toContain('UBND tỉnh Lai Châu');
    const res = await axios.post(`${national.url}/api/v1/packets`, packet.body, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': packet.idempotencyKey,
        'x-packet-signature': packet.signature,
      },
      validateStatus: () => true,
    });
    expect(res.status).toBe(201);
    // What `lienthong packet verify` shows: each leader's name, title and unit.
    const gateway = await verifyPacket(packet.body, packet.signature, trust, now());
    expect(gateway.ok).toBe(true);
    expect(gateway.checks.find((c) => c.check === 'approvals')?.message).toContain('phê duyệt: Nguyễn Văn An, Phó Chủ tịch UBND tỉnh');
    expect(gateway.approvals?.map((a) => a.signer.unit)).toEqual(['Ủy ban nhân dân tỉnh Lai Châu', 'Xã Tam Đường', 'Xã Bình Lư']);
    // The same through `lienthong packet verify <file>` (its in-process entry point).
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-verify-'));
    try {
      const file = join(dir, 'packet.json');
      writeFileSync(file, JSON.stringify({ body: packet.body, signature: packet.signature }));
      const cli = await runPacketVerify(file, { trust: [join(PKI, 'ca.crt.pem')], at: now().toISOString() });
      expect(cli.ok).toBe(true);
      expect(cli.checks.find((c) => c.check === 'approvals')?.message).toMatch(/Nguyễn Văn An.*Lò Văn Bình.*Tẩn Thị Chi/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a forged approval (payload swapped) is refused by the national simulator', async () => {
    const packet = await approvedPacket();
    const body = JSON.parse(packet.body) as { approvals: { jades: { payload: string } }[] };
    body.approvals[1]!.jades.payload = body.approvals[2]!.jades.payload;
    const v = await checkPacket(JSON.stringify(body), packet.signature, loadAnchors([join(PKI, 'ca.crt.pem')]), now());
    expect(v.checks.find((c) => c.check === 'approvals')).toMatchObject({ ok: false });
  });
});
