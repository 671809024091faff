/**
 * Generates the test PKI in fixtures/pki/ (run once, output committed):
 *   npx tsx scripts/make-test-pki.ts [outDir]
 * RSA-2048 keys come from node:crypto; certificates are built and signed with node-forge
 * (a one-off, so forge's slow RSA does not matter here). Everything is marked THỬ NGHIỆM (test).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

const out = process.argv[2] ?? 'fixtures/pki';
export const P12_PASSWORD = 'lienthong-test';

interface Issued {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  keyPem: string;
}

type Attr = { shortName?: string; name?: string; type?: string; value: string };

function subject(cn: string, extra: Attr[] = []): forge.pki.CertificateField[] {
  // UTF8String so Vietnamese names survive (forge defaults to PrintableString).
  return [{ shortName: 'C', value: 'VN' }, ...extra, { shortName: 'CN', value: cn }].map(
    (a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 }) as forge.pki.CertificateField,
  );
}

let serial = 0x1000;

function issue(opts: {
  cn: string; extra?: Attr[]; notBefore: string; notAfter: string; issuer?: Issued; ca?: boolean;
  keyUsage: Record<string, boolean>;
}): Issued {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = (serial++).toString(16).padStart(4, '0');
  cert.validity.notBefore = new Date(opts.notBefore);
  cert.validity.notAfter = new Date(opts.notAfter);
  const attrs = subject(opts.cn, opts.extra);
  cert.setSubject(attrs);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: opts.ca === true, critical: true },
    { name: 'keyUsage', critical: true, ...opts.keyUsage },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(opts.issuer ? opts.issuer.key : key, forge.md.sha256.create());
  return { cert, key, keyPem };
}

function write(name: string, item: Issued): void {
  writeFileSync(join(out, `${name}.crt.pem`), forge.pki.certificateToPem(item.cert));
  writeFileSync(join(out, `${name}.key.pem`), item.keyPem);
}

function p12(name: string, item: Issued, chain: Issued[]): void {
  const asn = forge.pkcs12.toPkcs12Asn1(item.key, [item.cert, ...chain.map((c) => c.cert)], P12_PASSWORD, { algorithm: '3des', friendlyName: name });
  writeFileSync(join(out, `${name}.p12`), Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
}

const CA_USAGE = { keyCertSign: true, cRLSign: true, digitalSignature: false };
const SIGN_USAGE = { digitalSignature: true, nonRepudiation: true };
const ORG = [{ shortName: 'ST', value: 'Lai Châu' }, { shortName: 'O', value: 'UBND tỉnh Lai Châu' }];
// OID 0.9.2342.19200300.100.1.1 (UID) carries the electronic org code (mã định danh).
const uid = (code: string): Attr => ({ type: '0.9.2342.19200300.100.1.1', value: code });

mkdirSync(out, { recursive: true });
const ca = issue({ cn: 'Ban Cơ yếu Chính phủ (THỬ NGHIỆM)', extra: [{ shortName: 'O', value: 'Ban Cơ yếu Chính phủ' }], notBefore: '2024-01-01', notAfter: '2036-12-31', ca: true, keyUsage: CA_USAGE });
const org = issue({ cn: 'UBND tỉnh Lai Châu', extra: [...ORG, uid('000.00.00.H29')], notBefore: '2025-01-01', notAfter: '2036-06-30', issuer: ca, keyUsage: SIGN_USAGE });
const leader = issue({ cn: 'Lãnh đạo UBND tỉnh Lai Châu (THỬ NGHIỆM)', extra: [...ORG, { shortName: 'OU', value: 'Lãnh đạo' }, uid('000.00.00.H29')], notBefore: '2025-01-01', notAfter: '2036-06-30', issuer: ca, keyUsage: SIGN_USAGE });
const expired = issue({ cn: 'UBND tỉnh Lai Châu (HẾT HẠN)', extra: [...ORG, uid('000.00.00.H29')], notBefore: '2020-01-01', notAfter: '2021-01-01', issuer: ca, keyUsage: SIGN_USAGE });
const noUsage = issue({ cn: 'UBND tỉnh Lai Châu (KHÔNG CÓ QUYỀN KÝ)', extra: [...ORG, uid('000.00.00.H29')], notBefore: '2025-01-01', notAfter: '2036-06-30', issuer: ca, keyUsage: { keyEncipherment: true } });
const rogueCa = issue({ cn: 'CA không được tin cậy (THỬ NGHIỆM)', notBefore: '2024-01-01', notAfter: '2036-12-31', ca: true, keyUsage: CA_USAGE });
const rogue = issue({ cn: 'UBND tỉnh Lai Châu', extra: [...ORG, uid('000.00.00.H29')], notBefore: '2025-01-01', notAfter: '2036-06-30', issuer: rogueCa, keyUsage: SIGN_USAGE });

write('ca', ca);
write('org', org);
write('leader', leader);
write('expired', expired);
write('no-signing-usage', noUsage);
write('untrusted-ca', rogueCa);
write('untrusted', rogue);
p12('org', org, [ca]);
p12('leader', leader, [ca]);
console.log(`test PKI written to ${out} (PKCS#12 password: ${P12_PASSWORD})`);
