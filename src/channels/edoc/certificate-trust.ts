import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { EdxmlError } from './edxml-errors.js';

/**
 * Decides whether a signing certificate is trusted. Trust comes only from the configured
 * certificates: a signer certificate is accepted when it is one of them (pinned) or is issued and
 * signed by one that is a CA (trust anchor). The certificate embedded in KeyInfo is a candidate,
 * never a trust source. Also checked: validity period and key usage (digitalSignature or
 * nonRepudiation when the extension is present).
 */
export interface CertificateTrust {
  /** Throws EdxmlError EDXML_CERT_* when `pem` is not trusted at `at`. */
  assertTrusted(pem: string, at: Date): X509Certificate;
}

export function splitPemCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function parseCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (err) {
    throw new EdxmlError('EDXML_CERT_INVALID', `Signing certificate cannot be read: ${(err as Error).message}`);
  }
}

function assertKeyUsage(pem: string): void {
  const usage = forge.pki.certificateFromPem(pem).getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | undefined;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) {
    throw new EdxmlError('EDXML_CERT_KEY_USAGE', 'Signing certificate is not allowed for digital signatures (keyUsage)');
  }
}

export function createCertificateTrust(trustedPem: readonly string[]): CertificateTrust {
  const trusted = trustedPem.flatMap(splitPemCertificates).map((p) => new X509Certificate(p));
  if (trusted.length === 0) {
    throw new EdxmlError('EDXML_TRUST_EMPTY', 'No trusted certificate configured for edXML signature verification');
  }
  return {
    assertTrusted(pem, at) {
      const cert = parseCertificate(pem);
      const pinned = trusted.some((t) => t.fingerprint256 === cert.fingerprint256);
      const anchored = trusted.some((t) => t.ca && cert.checkIssued(t) && cert.verify(t.publicKey) && inValidity(t, at));
      if (!pinned && !anchored) {
        throw new EdxmlError('EDXML_CERT_UNTRUSTED', 'Signing certificate does not chain to a trusted certificate', { subject: cert.subject, issuer: cert.issuer }, 422);
      }
      if (!inValidity(cert, at)) {
        throw new EdxmlError('EDXML_CERT_EXPIRED', `Signing certificate is not valid at ${at.toISOString()}`, { validFrom: cert.validFrom, validTo: cert.validTo }, 422);
      }
      assertKeyUsage(cert.toString());
      return cert;
    },
  };
}

function inValidity(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(cert.validTo).getTime();
}
