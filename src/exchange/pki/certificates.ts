import { createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';

/**
 * Certificate helpers on node-forge (PKI structures only: parsing, names, extensions).
 * Key operations never go through forge: its RSA is ~80× slower than node:crypto.
 */
export type Certificate = forge.pki.Certificate;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text (a bundle may hold several). */
export function certificatesFromPem(pem: string, source = 'PEM'): Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new ValidationError('CERTIFICATE_INVALID', `${source}: no PEM certificate found`, { source });
  return blocks.map((b) => {
    try {
      return forge.pki.certificateFromPem(b);
    } catch (err) {
      throw new ValidationError('CERTIFICATE_INVALID', `${source}: ${(err as Error).message}`, { source });
    }
  });
}

export function certificateToDerBase64(cert: Certificate): string {
  return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
}

/** x5c entries (standard base64 DER, RFC 7515 §4.1.6) back to certificates. */
export function certificateFromDerBase64(b64: string): Certificate {
  try {
    return forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.decode64(b64)));
  } catch (err) {
    throw new ValidationError('CERTIFICATE_INVALID', `x5c entry is not a DER certificate: ${(err as Error).message}`);
  }
}

const publicKeys = new WeakMap<Certificate, KeyObject>();

/** The certificate's public key as a node:crypto KeyObject (native verification), converted once per certificate. */
export function publicKeyOf(cert: Certificate): KeyObject {
  let key = publicKeys.get(cert);
  if (!key) {
    key = createPublicKey(forge.pki.publicKeyToPem(cert.publicKey));
    publicKeys.set(cert, key);
  }
  return key;
}

function attrValue(a: forge.pki.CertificateField): string {
  const raw = String(a.value);
  // forge returns UTF8String values as raw bytes.
  return (a.valueTagClass as number | undefined) === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(raw) : raw;
}

/** "CN=UBND tỉnh Lai Châu, O=…, UID=000.00.00.H29" with Vietnamese decoded. */
export function subjectOf(cert: Certificate): string {
  return cert.subject.attributes
    .map((a) => `${a.shortName ?? (a.type === '0.9.2342.19200300.100.1.1' ? 'UID' : a.type)}=${attrValue(a)}`)
    .reverse()
    .join(', ');
}

export function commonNameOf(cert: Certificate): string {
  const cn = cert.subject.getField('CN') as forge.pki.CertificateField | null;
  return cn ? attrValue(cn) : subjectOf(cert);
}

/** The electronic org code (mã định danh) carried in the UID attribute, if any. */
export function orgCodeOf(cert: Certificate): string | undefined {
  const uid = cert.subject.attributes.find((a) => a.type === '0.9.2342.19200300.100.1.1');
  return uid ? attrValue(uid) : undefined;
}

export function fingerprintOf(cert: Certificate): string {
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
  return md.digest().toHex();
}
