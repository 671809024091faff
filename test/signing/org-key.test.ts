import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { REPO_ROOT, readExchangeConfig } from '../../src/exchange/config.js';
import { exchangeModule } from '../../src/exchange/module.js';
import { verifyPacket } from '../../src/exchange/packets/verify-packet.js';
import type { ExchangeServices } from '../../src/exchange/services.js';
import { signCmsDetached, verifyCmsDetached } from '../../src/exchange/signing/cms.js';
import { createGateway, type Gateway } from '../../src/app/gateway.js';
import { ocspSimulator } from '../../src/sim/ocsp/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { createTestToken, SOFTHSM_MODULE, type TestToken } from '../support/softhsm.js';
import { builderFor, monthlyReport, trust } from '../exchange/support/reports.js';
import { submissionsModule } from '../../src/core/submissions/module.js';
import { coreModule } from '../../src/core/module.js';
import { mappingsModule } from '../../src/exchange/mapping/module.js';
import { scanningModule } from '../../src/app/adapters/scanning-module.js';

/** exchangeModule and what it requires (catalog, workflow, mappings). */
const exchangeWithRequirements = [scanningModule, coreModule, submissionsModule, mappingsModule, exchangeModule];

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const pem = (f: string) => readFileSync(join(PKI, f), 'utf8');

/**
 * The organisation's packet key behind the signing port: on a PKCS#11 token (SoftHSM2 here,
 * the production shape) it signs packets and CMS attachments that verify; and a revoked
 * organisation certificate (the real openssl OCSP responder says so) stops signing with a clear error.
 */
describe('organisation packet key on a PKCS#11 token, and its revocation', () => {
  let token: TestToken;
  let dir: string;
  let ocsp: RunningSimulator;
  let t: TestDatabase;
  let gw: Gateway | undefined;
  const tokenEnv = () => ({
    SIGNING_PKCS11_MODULE: SOFTHSM_MODULE,
    SIGNING_PKCS11_TOKEN: 'lienthong-org',
    SIGNING_PKCS11_KEY: 'org',
    SIGNING_PKCS11_PIN: '24680',
    SIGNING_PKCS11_ISSUERS: join(PKI, 'ca.crt.pem'),
  });

  beforeAll(async () => {
    token = createTestToken('lienthong-org', '24680', [{ label: 'org', keyPem: pem('org.key.pem'), certPem: pem('org.crt.pem') }]);
    dir = mkdtempSync(join(tmpdir(), 'lienthong-org-ocsp-'));
    copyFileSync(join(PKI, 'ocsp-index.txt'), join(dir, 'index.txt'));
    ocsp = await ocspSimulator.start({ port: 0, host: '127.0.0.1', env: { SIM_OCSP_INDEX: join(dir, 'index.txt') } });
    t = await openPostgresTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await t?.dispose();
    await ocsp?.close();
    token?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the key from the token (SIGNING_PKCS11_*), signs packets and CMS attachments that verify; a wrong PIN or both settings is refused', async () => {
    const config = readExchangeConfig(tokenEnv());
    expect(config.packetCredentials.privateKey).toBeUndefined();
    expect(config.packetCredentials.keySource).toBe('pkcs11 lienthong-org/org');
    expect(config.packetCredentials.subject).toContain('CN=UBND tỉnh Lai Châu');
    expect(config.packetCredentials.chain).toHaveLength(2);
    const [packet] = await builderFor(config.packetCredentials).build(monthlyReport());
    const verified = await verifyPacket(packet!.body, packet!.signature, trust, new Date('2027-01-16T04:00:00Z'));
    expect(verified.ok).toBe(true);
    expect(verified.signer).toContain('UBND tỉnh Lai Châu');
    const content = Buffer.from('Báo cáo thuyết minh');
    const cms = signCmsDetached(content, config.packetCredentials, new Date('2027-01-16T04:00:00Z'));
    expect(verifyCmsDetached(cms, content)).toMatchObject({ ok: true });
    expect(verifyCmsDetached(cms, Buffer.from('khác')).ok).toBe(false);

    expect(() => readExchangeConfig({ ...tokenEnv(), SIGNING_PKCS11_PIN: '99999' })).toThrow(
      expect.objectContaining({ code: 'SIGNING_PIN_INVALID' }),
    );
    expect(() => readExchangeConfig({ ...tokenEnv(), SIGNING_P12: join(PKI, 'org.p12') })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('stops signing packets once the organisation certificate is revoked (after the cached answer ages out), with a Vietnamese message', async () => {
    let now = new Date('2027-01-16T04:00:00Z');
    gw = await createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', ...tokenEnv(), OCSP_RESPONDER_URL: ocsp.url, CRL_SOURCES: ' ' }),
      db: t.db,
      now: () => now,
      modules: exchangeWithRequirements,
    });
    const exchange = gw.ctx.services.exchange as ExchangeServices;
    expect(exchange.packetSigner).toContain('UBND tỉnh Lai Châu');
    expect(await exchange.buildPackets(monthlyReport())).not.toHaveLength(0);

    // The CA revokes the organisation certificate (serial 1001) in the responder's database.
    const index = join(dir, 'index.txt');
    writeFileSync(index, readFileSync(index, 'utf8').replace(/^V(\t\d+Z\t)\t(1001\t)/m, 'R$1270116050000Z,keyCompromise\t$2'));
    const port = Number(new URL(ocsp.url).port);
    await ocsp.close();
    ocsp = await ocspSimulator.start({ port, host: '127.0.0.1', env: { SIM_OCSP_INDEX: index } });
    // Within the freshness limit the cached "good" still holds (X-Road's 3,600 s).
    now = new Date(now.getTime() + 3_600_000);
    expect(await exchange.buildPackets(monthlyReport())).not.toHaveLength(0);
    now = new Date(now.getTime() + 1000);
    const refused = await exchange.buildPackets(monthlyReport()).then(
      () => null,
      (err: { status: number; code: string; message: string }) => err,
    );
    expect(refused).toMatchObject({ status: 403, code: 'SIGNING_CERTIFICATE_REVOKED' });
    expect(refused!.message).toContain('Chứng thư số của tổ chức (UBND tỉnh Lai Châu) đã bị thu hồi: ngừng ký gói tin');
    expect(refused!.message).toContain('since 2027-01-16T05:00:00');
    await gw.close();
    gw = undefined;

    // A restart with the revoked certificate refuses to start.
    const restart = createGateway({
      config: loadConfig({ PORT: '0', START_SIMULATORS: 'false', ...tokenEnv(), OCSP_RESPONDER_URL: ocsp.url, CRL_SOURCES: ' ' }),
      db: t.db,
      now: () => now,
      modules: exchangeWithRequirements,
    });
    await expect(restart).rejects.toMatchObject({ code: 'SIGNING_CERTIFICATE_UNUSABLE' });
  });
});
