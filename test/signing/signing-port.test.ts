import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/exchange/config.js';
import { certificatesFromPem } from '../../src/exchange/pki/certificates.js';
import { CscDevice } from '../../src/exchange/signing/devices/csc-device.js';
import { Pkcs11Device } from '../../src/exchange/signing/devices/pkcs11-device.js';
import { Pkcs12Device } from '../../src/exchange/signing/devices/pkcs12-device.js';
import { cscSimulator, DEFAULT_CSC_CLIENT_ID, DEFAULT_CSC_CLIENT_SECRET, DEFAULT_CSC_PIN } from '../../src/sim/csc/index.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { createTestToken, readPem, SOFTHSM_MODULE, type TestToken } from '../support/softhsm.js';
import { describeSigningPort } from './signing-port.conformance.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const ca = certificatesFromPem(readPem(join(PKI, 'ca.crt.pem')));
let token: TestToken;
let csc: RunningSimulator;

beforeAll(async () => {
  token = createTestToken('lienthong-binhlu', '246810', [
    {
      label: 'lanhdao.binhlu',
      keyPem: readPem(join(PKI, 'leaders', 'lanhdao.binhlu.key.pem')),
      certPem: readPem(join(PKI, 'leaders', 'lanhdao.binhlu.crt.pem')),
    },
  ]);
  csc = await cscSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
}, 60_000);
afterAll(async () => {
  token?.remove();
  await csc?.close();
});

describeSigningPort({
  name: 'PKCS#12 (personal file)',
  device: () => Pkcs12Device.open(join(PKI, 'leaders', 'lanhdao.tamduong.p12'), 'lienthong-test'),
  authorize: async () => undefined,
  // A PKCS#12 file is opened with its password at configuration time; a bad one never becomes a device.
  wrong: { open: () => Pkcs12Device.open(join(PKI, 'leaders', 'lanhdao.tamduong.p12'), 'sai-mat-khau'), code: 'SIGNING_P12_INVALID' },
  subjectIncludes: 'CN=Lò Văn Bình',
});

describeSigningPort({
  name: 'PKCS#11 token (SoftHSM2)',
  device: () => new Pkcs11Device({ module: SOFTHSM_MODULE, tokenLabel: 'lienthong-binhlu', keyLabel: 'lanhdao.binhlu', issuers: ca }),
  authorize: async () => ({ pin: '246810' }),
  wrong: { authorization: { pin: '000000' }, code: 'SIGNING_PIN_INVALID' },
  subjectIncludes: 'CN=Tẩn Thị Chi',
});

describeSigningPort({
  name: 'remote signing (CSC API v2 simulator, OTP confirmation)',
  device: () =>
    new CscDevice({
      baseUrl: csc.url,
      clientId: DEFAULT_CSC_CLIENT_ID,
      clientSecret: DEFAULT_CSC_CLIENT_SECRET,
      credentialID: 'lanhdao.tinh',
    }),
  authorize: async (device, digest) => {
    // Step 1: no OTP yet → the service sends one to the signer's phone.
    await expect(device.signDigest(digest, { pin: DEFAULT_CSC_PIN })).rejects.toMatchObject({ code: 'SIGNING_CONFIRMATION_REQUIRED' });
    const phone = (await (await fetch(`${csc.url}/_sim/otp/lanhdao.tinh`)).json()) as { otp: string };
    return { pin: DEFAULT_CSC_PIN, otp: phone.otp };
  },
  wrong: { authorization: { pin: DEFAULT_CSC_PIN, otp: '000000x' }, code: 'SIGNING_CONFIRMATION_INVALID' },
  subjectIncludes: 'CN=Nguyễn Văn An',
});

it('PKCS#11: no PIN is SIGNING_PIN_REQUIRED; an unknown token is SIGNING_DEVICE_UNAVAILABLE', async () => {
  const digest = Buffer.alloc(32, 1);
  await expect(
    new Pkcs11Device({ module: SOFTHSM_MODULE, tokenLabel: 'lienthong-binhlu', keyLabel: 'lanhdao.binhlu' }).signDigest(digest),
  ).rejects.toMatchObject({ code: 'SIGNING_PIN_REQUIRED' });
  await expect(
    new Pkcs11Device({ module: SOFTHSM_MODULE, tokenLabel: 'no-such-token', keyLabel: 'x' }).signDigest(digest, { pin: '1' }),
  ).rejects.toMatchObject({ code: 'SIGNING_DEVICE_UNAVAILABLE' });
});

it('CSC: an OTP is single use and the SAD covers only the authorised hash', async () => {
  const device = new CscDevice({
    baseUrl: csc.url,
    clientId: DEFAULT_CSC_CLIENT_ID,
    clientSecret: DEFAULT_CSC_CLIENT_SECRET,
    credentialID: 'lanhdao.tamduong',
  });
  const digest = Buffer.alloc(32, 7);
  await expect(device.signDigest(digest, { pin: DEFAULT_CSC_PIN })).rejects.toMatchObject({
    code: 'SIGNING_CONFIRMATION_REQUIRED',
    status: 409,
  });
  const { otp } = (await (await fetch(`${csc.url}/_sim/otp/lanhdao.tamduong`)).json()) as { otp: string };
  await expect(device.signDigest(digest, { pin: '999999', otp })).rejects.toMatchObject({ code: 'SIGNING_PIN_INVALID' });
  expect((await device.signDigest(digest, { pin: DEFAULT_CSC_PIN, otp })).length).toBe(256);
  await expect(device.signDigest(digest, { pin: DEFAULT_CSC_PIN, otp })).rejects.toMatchObject({ code: 'SIGNING_CONFIRMATION_INVALID' });
  csc.faults.set({ mode: '5xx', remaining: 1 });
  await expect(device.signDigest(digest, { pin: DEFAULT_CSC_PIN })).rejects.toMatchObject({ code: 'SIGNING_DEVICE_UNAVAILABLE' });
});
