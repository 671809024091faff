/**
 * Adds to the test PKI (fixtures/pki/, run once, output committed), issued by the existing test CA
 * so the org/leader certificates and the signed packet fixtures stay valid:
 *   npx tsx scripts/make-test-pki-people.ts [pkiDir]
 * - one certificate + PKCS#12 per demo leader (`leaders/<username>.*`): the person's name (CN),
 *   title (2.5.4.12), unit (OU) and unit org code (UID) in the subject;
 * - `leaders/revoked.*`: a leader whose certificate the OCSP responder and the CRL mark revoked;
 * - `tsa.*`: the time-stamping authority (extendedKeyUsage timeStamping, critical) for `openssl ts`;
 * - `ocsp.*`: the OCSP responder's delegated signer (extendedKeyUsage OCSPSigning);
 * - `ocsp-index.txt`: OpenSSL CA database for `openssl ocsp -index` (and `openssl ca -gencrl`);
 * - `ca.crl.pem`: the CA's CRL (valid 10 years) listing the revoked leader.
 * Everything is THỬ NGHIỆM (test) and never goes into the production image.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

const out = process.argv[2] ?? 'fixtures/pki';
const P12_PASSWORD = 'lienthong-test';
const UID = '0.9.2342.19200300.100.1.1';
const TITLE = '2.5.4.12';

const caCert = forge.pki.certificateFromPem(readFileSync(join(out, 'ca.crt.pem'), 'utf8'));
const caKey = forge.pki.privateKeyFromPem(readFileSync(join(out, 'ca.key.pem'), 'utf8'));

// forge reads UTF8String values back as raw UTF-8 bytes: decode them or the issuer name is encoded twice.
const decoded = (c: forge.pki.Certificate) => c.subject.attributes.map((a) => ({ ...a, value: (a.valueTagClass as number | undefined) === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(String(a.value)) : a.value }));
const caSubject = decoded(caCert);

interface Issued { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; keyPem: string }
type Attr = { shortName?: string; type?: string; value: string };

let serial = 0x2000;

function issue(attrs: Attr[], extensions: object[]): Issued {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = (serial++).toString(16).padStart(4, '0');
  cert.validity.notBefore = new Date('2025-01-01');
  cert.validity.notAfter = new Date('2036-06-30');
  // UTF8String so Vietnamese names survive (forge defaults to PrintableString).
  cert.setSubject([{ shortName: 'C', value: 'VN' }, ...attrs].map((a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 }) as forge.pki.CertificateField));
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { cert, key, keyPem };
}

function write(name: string, item: Issued): void {
  writeFileSync(join(out, `${name}.crt.pem`), forge.pki.certificateToPem(item.cert));
  writeFileSync(join(out, `${name}.key.pem`), item.keyPem);
}

function p12(name: string, item: Issued): void {
  const asn = forge.pkcs12.toPkcs12Asn1(item.key, [item.cert, caCert], P12_PASSWORD, { algorithm: '3des', friendlyName: name });
  writeFileSync(join(out, `${name}.p12`), Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
}

const SIGN_USAGE = { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true };

/** The demo leaders (src/identity/seed-demo.ts usernames) and the revoked one. */
export const LEADERS = [
  { file: 'lanhdao.tinh', cn: 'Nguyễn Văn An', title: 'Phó Chủ tịch UBND tỉnh', unit: 'Ủy ban nhân dân tỉnh Lai Châu', orgCode: '000.00.00.H29' },
  { file: 'lanhdao.tamduong', cn: 'Lò Văn Bình', title: 'Chủ tịch UBND xã', unit: 'Xã Tam Đường', orgCode: '000.03.31.H29' },
  { file: 'lanhdao.binhlu', cn: 'Tẩn Thị Chi', title: 'Chủ tịch UBND xã', unit: 'Xã Bình Lư', orgCode: '000.04.31.H29' },
  { file: 'revoked', cn: 'Vàng A Dũng (ĐÃ THU HỒI)', title: 'Chủ tịch UBND xã', unit: 'Xã Bình Lư', orgCode: '000.04.31.H29' },
];

mkdirSync(join(out, 'leaders'), { recursive: true });
const index: string[] = [];
const asOpenSslDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
const subjectLine = (c: forge.pki.Certificate, parsed = false) => '/' + (parsed ? decoded(c) : c.subject.attributes).map((a) => `${a.shortName ?? a.type}=${a.value}`).join('/');

for (const l of LEADERS) {
  const item = issue(
    [{ shortName: 'O', value: 'UBND tỉnh Lai Châu' }, { shortName: 'OU', value: l.unit }, { type: TITLE, value: l.title }, { type: UID, value: l.orgCode }, { shortName: 'CN', value: l.cn }],
    [SIGN_USAGE],
  );
  write(`leaders/${l.file}`, item);
  p12(`leaders/${l.file}`, item);
  const revoked = l.file === 'revoked';
  index.push([revoked ? 'R' : 'V', asOpenSslDate(item.cert.validity.notAfter), revoked ? '260101000000Z,keyCompromise' : '', item.cert.serialNumber.toUpperCase(), 'unknown', subjectLine(item.cert)].join('\t'));
}

const tsa = issue([{ shortName: 'O', value: 'Ban Cơ yếu Chính phủ' }, { shortName: 'CN', value: 'Dịch vụ cấp dấu thời gian (THỬ NGHIỆM)' }],
  [SIGN_USAGE, { name: 'extKeyUsage', critical: true, timeStamping: true }]);
write('tsa', tsa);
const ocsp = issue([{ shortName: 'O', value: 'Ban Cơ yếu Chính phủ' }, { shortName: 'CN', value: 'Máy chủ OCSP (THỬ NGHIỆM)' }],
  [SIGN_USAGE, { name: 'extKeyUsage', '1.3.6.1.5.5.7.3.9': true }]);
write('ocsp', ocsp);

// The org and leader certificates of make-test-pki.ts are good too: list them so OCSP answers "good", not "unknown".
for (const name of ['org', 'leader', 'expired', 'no-signing-usage']) {
  const c = forge.pki.certificateFromPem(readFileSync(join(out, `${name}.crt.pem`), 'utf8'));
  index.push(['V', asOpenSslDate(c.validity.notAfter), '', c.serialNumber.toUpperCase(), 'unknown', subjectLine(c, true)].join('\t'));
}
writeFileSync(join(out, 'ocsp-index.txt'), index.join('\n') + '\n');

// CRL from the same database, signed by the CA with OpenSSL (forge cannot write CRLs).
const work = mkdtempSync(join(tmpdir(), 'lienthong-crl-'));
try {
  writeFileSync(join(work, 'index.txt'), readFileSync(join(out, 'ocsp-index.txt')));
  writeFileSync(join(work, 'crlnumber'), '1000\n');
  writeFileSync(join(work, 'ca.cnf'), `[ca]\ndefault_ca=test\n[test]\ndatabase=${join(work, 'index.txt')}\ncrlnumber=${join(work, 'crlnumber')}\ndefault_md=sha256\ndefault_crl_days=3650\n`);
  execFileSync('openssl', ['ca', '-gencrl', '-config', join(work, 'ca.cnf'), '-keyfile', join(out, 'ca.key.pem'), '-cert', join(out, 'ca.crt.pem'), '-out', join(out, 'ca.crl.pem')], { stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`leaders, TSA, OCSP certificates, OCSP index and CRL written to ${out}`);
