import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovedReport } from '../../src/core/approved-report.js';
import { DEMO_P12_PASSWORD, REPO_ROOT } from '../../src/exchange/config.js';
import { certificatesFromPem } from '../../src/exchange/pki/certificates.js';
import { loadP12Credentials } from '../../src/exchange/pki/credentials.js';
import { RevocationChecker } from '../../src/exchange/pki/revocation.js';
import { TrustStore } from '../../src/exchange/pki/trust.js';
import { describeApproval, PersonalReportSigner } from '../../src/exchange/signing/approval-signer.js';
import { LeaderCredentials, type LeaderEntry } from '../../src/exchange/signing/leader-credentials.js';
import { CertificateReportSigner } from '../../src/exchange/signing/report-signer.js';
import { createTsaClient } from '../../src/exchange/timestamp/tsa-client.js';
import { cscSimulator, DEFAULT_CSC_CLIENT_ID, DEFAULT_CSC_CLIENT_SECRET, DEFAULT_CSC_PIN } from '../../src/sim/csc/index.js';
import { ocspSimulator } from '../../src/sim/ocsp/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { tsaSimulator } from '../../src/sim/tsa/index.js';
import { createTestToken, SOFTHSM_MODULE, type TestToken } from '../support/softhsm.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const pem = (f: string) => readFileSync(join(PKI, f), 'utf8');
const report = (unit: string, approvedBy: string): ApprovedReport => ({
  submissionId: `sub-${unit}`,
  version: 1,
  kind: 'original',
  orgUnit: { id: unit, orgCode: '000.03.31.H29', name: unit },
  form: { code: 'B01', name: 'Biểu 01', regimeCode: 'R1', type: 'data' },
  period: { kind: 'month', year: 2026, index: 11, key: '2026-M11', windowStart: '2026-11-01', windowEnd: '2026-11-30' },
  values: [{ indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 12.5, unit: 'tỷ đồng' }],
  approvedBy,
  approvedAt: '2026-12-01T08:00:00.000Z',
  classification: 'normal',
});

describe('personal approval signatures (JAdES B-T) through the signing port', () => {
  let tsa: RunningSimulator;
  let ocsp: RunningSimulator;
  let csc: RunningSimulator;
  let token: TestToken;
  let signer: PersonalReportSigner;
  const trust = new TrustStore(certificatesFromPem(pem('ca.crt.pem')));
  const now = () => new Date('2026-12-01T08:00:00Z');

  beforeAll(async () => {
    [tsa, ocsp, csc] = await Promise.all([
      tsaSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
      ocspSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
      cscSimulator.start({ port: 0, host: '127.0.0.1', env: {} }),
    ]);
    token = createTestToken('lienthong-binhlu-approval', '13579', [
      { label: 'lanhdao.binhlu', keyPem: pem('leaders/lanhdao.binhlu.key.pem'), certPem: pem('leaders/lanhdao.binhlu.crt.pem') },
    ]);
    trust.revocation = new RevocationChecker({ ocspUrl: ocsp.url, freshnessSeconds: 3600, now });
    const p12 = (name: string) => ({ file: join(PKI, 'leaders', `${name}.p12`), password: DEMO_P12_PASSWORD });
    const entries: LeaderEntry[] = [
      { orgUnitId: 'lc-x-tam-duong', pkcs12: p12('lanhdao.tamduong') },
      {
        orgUnitId: 'lc-x-binh-lu',
        pkcs11: {
          module: SOFTHSM_MODULE,
          tokenLabel: 'lienthong-binhlu-approval',
          keyLabel: 'lanhdao.binhlu',
          issuers: join(PKI, 'ca.crt.pem'),
        },
      },
      {
        orgUnitId: 'lai-chau',
        csc: { credentialID: 'lanhdao.tinh', clientId: DEFAULT_CSC_CLIENT_ID, clientSecret: DEFAULT_CSC_CLIENT_SECRET },
      },
      { user: 'user-revoked', pkcs12: p12('revoked') },
    ];
    const legacy = new CertificateReportSigner(loadP12Credentials(join(PKI, 'leader.p12'), DEMO_P12_PASSWORD), trust, now);
    signer = new PersonalReportSigner(
      new LeaderCredentials(entries, {}, REPO_ROOT, undefined, () => csc.url),
      trust,
      createTsaClient({ url: tsa.url, trust }),
      now,
      legacy,
    );
  }, 60_000);
  afterAll(async () => {
    token?.remove();
    await Promise.all([tsa, ocsp, csc].map((s) => s?.close()));
  });

  it('a commune leader signs with their own PKCS#12: JAdES B-T naming the person, title and unit', async () => {
    const r = report('lc-x-tam-duong', 'user-lo-van-binh');
    const { signature, signer: subject } = await signer.sign(r, { signerId: 'user-lo-van-binh', orgUnitId: 'lc-x-tam-duong' });
    expect(subject).toContain('CN=Lò Văn Bình');
    const jws = JSON.parse(signature) as { protected: string; header: { etsiU: string[] } };
    const header = JSON.parse(Buffer.from(jws.protected, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'RS256', sigT: '2026-12-01T08:00:00Z', crit: ['sigT'] });
    expect(header['x5t#S256']).toEqual(expect.any(String));
    expect(jws.header.etsiU).toHaveLength(1);
    expect(await signer.verify(r, signature)).toBe(true);
    const details = await describeApproval(signature, trust, undefined, now());
    expect(details).toMatchObject({
      ok: true,
      format: 'JAdES',
      level: 'B-T',
      signer: { name: 'Lò Văn Bình', title: 'Chủ tịch UBND xã', unit: 'Xã Tam Đường', orgCode: '000.03.31.H29' },
    });
    expect(details.timestamp?.tsa).toContain('Dịch vụ cấp dấu thời gian');
    expect(details.checks.map((c) => c.check)).toEqual([
      'signature',
      'signingCertificate',
      'signingTime',
      'timestamp',
      'chain',
      'validity',
      'keyUsage',
      'revocation',
    ]);
    // The approval is bound to the report: another report does not verify.
    expect(await signer.verify({ ...r, values: [{ ...r.values[0]!, value: 99 }] }, signature)).toBe(false);
  });

  it('a second commune leader signs on a PKCS#11 token (SoftHSM2) with the PIN given at approval', async () => {
    const r = report('lc-x-binh-lu', 'user-tan-thi-chi');
    await expect(signer.sign(r, { signerId: 'user-tan-thi-chi', orgUnitId: 'lc-x-binh-lu' })).rejects.toMatchObject({
      code: 'SIGNING_PIN_REQUIRED',
    });
    const { signature } = await signer.sign(r, {
      signerId: 'user-tan-thi-chi',
      orgUnitId: 'lc-x-binh-lu',
      authorization: { pin: '13579' },
    });
    expect(await signer.verify(r, signature)).toBe(true);
    expect((await describeApproval(signature, trust, undefined, now())).signer.name).toBe('Tẩn Thị Chi');
  });

  it('the province leader signs remotely (CSC): OTP to the phone first, then PIN + OTP', async () => {
    const r = report('lai-chau', 'user-nguyen-van-an');
    const ctx = { signerId: 'user-nguyen-van-an', orgUnitId: 'lai-chau' };
    await expect(signer.sign(r, { ...ctx, authorization: { pin: DEFAULT_CSC_PIN } })).rejects.toMatchObject({
      code: 'SIGNING_CONFIRMATION_REQUIRED',
      status: 409,
    });
    const { otp } = (await (await fetch(`${csc.url}/_sim/otp/lanhdao.tinh`)).json()) as { otp: string };
    const { signature } = await signer.sign(r, { ...ctx, authorization: { pin: DEFAULT_CSC_PIN, otp } });
    expect(await signer.verify(r, signature)).toBe(true);
    expect((await describeApproval(signature, trust, undefined, now())).signer).toMatchObject({
      name: 'Nguyễn Văn An',
      title: 'Phó Chủ tịch UBND tỉnh',
    });
  });

  it('a leader whose certificate the OCSP responder marks revoked cannot approve (Vietnamese message, stable code)', async () => {
    const err = await signer
      .sign(report('lc-x-binh-lu', 'user-revoked'), { signerId: 'user-revoked', orgUnitId: 'lc-x-binh-lu' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LEADER_CERTIFICATE_REVOKED', status: 403 });
    expect((err as Error).message).toContain('đã bị thu hồi: không thể phê duyệt và ký báo cáo');
  });

  it('a leader without a personal credential is refused', async () => {
    await expect(
      signer.sign(report('lc-x-phong-tho', 'user-x'), { signerId: 'user-x', orgUnitId: 'lc-x-phong-tho' }),
    ).rejects.toMatchObject({ code: 'LEADER_CREDENTIAL_MISSING', status: 409 });
  });
});
