import { constants, createPrivateKey, createPublicKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';
import { certificatesFromPem, certificateToDerBase64, commonNameOf, subjectOf, type Certificate } from './certificates.js';

/**
 * What signs: the key (a native KeyObject from a file, or a PKCS#11 token behind the signing
 * port) plus the certificate chain shown to the verifier (x5c).
 */
export interface SigningCredentials {
  /** A file-held key (PKCS#12, PEM); absent when the key lives on a token. */
  privateKey?: KeyObject;
  /**
   * RSASSA-PKCS1-v1_5 over a SHA-256 digest wherever the key is: `privateEncrypt` over
   * DigestInfo for a file key, one C_Sign on the token for PKCS#11 (synchronous, as forge's CMS
   * signer needs).
   */
  signDigest(digest: Buffer): Buffer;
  /** Where the key lives: 'file' or 'pkcs11 <token>/<key>' (logs, health). */
  keySource: string;
  certificate: Certificate;
  /** Leaf first, then issuers (anchors may be included). */
  chain: Certificate[];
  /** Base64 DER of `chain`, ready for the JWS x5c header. */
  x5c: string[];
  subject: string;
  commonName: string;
}

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ValidationError('SIGNING_CONFIG_INVALID', `Cannot read ${what} ${file}: ${(err as Error).message}`, { file });
  }
}

function assemble(privateKey: KeyObject, chain: Certificate[], source: string): SigningCredentials {
  const certificate = chain[0];
  if (!certificate) throw new ValidationError('SIGNING_CONFIG_INVALID', `${source}: no certificate`, { source });
  const certKey = createPublicKey(forge.pki.publicKeyToPem(certificate.publicKey)).export({ format: 'der', type: 'spki' });
  const ownKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  if (!certKey.equals(ownKey)) {
    throw new ValidationError(
      'SIGNING_KEY_MISMATCH',
      `${source}: the private key does not belong to certificate ${subjectOf(certificate)}`,
      { source },
    );
  }
  return {
    privateKey,
    signDigest: (digest) =>
      privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])),
    keySource: 'file',
    certificate,
    chain,
    x5c: chain.map(certificateToDerBase64),
    subject: subjectOf(certificate),
    commonName: commonNameOf(certificate),
  };
}

/** SIGNING_CERT (PEM, leaf first, issuers may follow) + SIGNING_KEY (PEM, PKCS#1 or PKCS#8). */
export function loadPemCredentials(certFile: string, keyFile: string): SigningCredentials {
  const chain = certificatesFromPem(read(certFile, 'certificate').toString('utf8'), certFile);
  let key: KeyObject;
  try {
    key = createPrivateKey(read(keyFile, 'private key'));
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError('SIGNING_CONFIG_INVALID', `${keyFile}: not a PEM private key (${(err as Error).message})`, { file: keyFile });
  }
  return assemble(key, chain, certFile);
}

/** SIGNING_P12 + SIGNING_P12_PASSWORD: forge parses the container; the key becomes a native KeyObject. */
export function loadP12Credentials(file: string, password: string): SigningCredentials {
  const der = read(file, 'PKCS#12');
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), password);
  } catch (err) {
    throw new ValidationError(
      'SIGNING_P12_INVALID',
      `${file}: cannot open PKCS#12 (wrong password or corrupt file: ${(err as Error).message})`,
      { file },
    );
  }
  const keyBag =
    p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
    p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  if (!keyBag?.key) throw new ValidationError('SIGNING_P12_INVALID', `${file}: no private key inside`, { file });
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const ownDer = createPublicKey(key).export({ format: 'der', type: 'spki' });
  // Order the chain leaf first: the certificate matching the key, then the rest.
  const isLeaf = (c: Certificate) =>
    createPublicKey(forge.pki.publicKeyToPem(c.publicKey)).export({ format: 'der', type: 'spki' }).equals(ownDer);
  const chain = [...certs.filter(isLeaf), ...certs.filter((c) => !isLeaf(c))];
  return assemble(key, chain, file);
}
