import forge from 'node-forge';
import { certificateFromDerBase64, certificatesFromPem, orgCodeOf, subjectOf } from '../../exchange/pki/certificates.js';
import { certificateChecks, TrustStore } from '../../exchange/pki/trust.js';
import { EdxmlError } from './edxml-errors.js';

/** Who signed an edXML document, once the certificate is proven trusted. */
export interface EdxmlSignerIdentity {
  certificatePem: string;
  subject: string;
  /** The organisation code in the certificate (UID), when present. */
  orgCode?: string;
}

/**
 * Decides whether the certificates embedded in KeyInfo (leaf first, intermediates after) are
 * trusted. Trust comes only from the configured anchors, through the exchange area's TrustStore
 * (same chain, validity and key usage rules as the national packets' JWS): the embedded
 * certificate is a candidate, never a trust source.
 */
export interface CertificateTrust {
  /** Throws EdxmlError EDXML_CERT_* when the chain is not trusted at `at`. */
  assertTrusted(chainDerBase64: readonly string[], at: Date): Promise<EdxmlSignerIdentity>;
}

export function splitPemCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export function createCertificateTrust(trustedPem: readonly string[]): CertificateTrust {
  if (trustedPem.flatMap(splitPemCertificates).length === 0) {
    throw new EdxmlError('EDXML_TRUST_EMPTY', 'No trusted certificate configured for edXML signature verification');
  }
  const store = new TrustStore(certificatesFromPem(trustedPem.join('\n'), 'trusted certificates'));
  return {
    async assertTrusted(chainDerBase64, at) {
      let chain: forge.pki.Certificate[];
      try {
        chain = chainDerBase64.map(certificateFromDerBase64);
      } catch (err) {
        throw new EdxmlError('EDXML_CERT_INVALID', `Signing certificate cannot be read: ${(err as Error).message}`, undefined, 422);
      }
      const leaf = chain[0];
      if (!leaf) throw new EdxmlError('EDXML_CERT_INVALID', 'KeyInfo carries no certificate', undefined, 422);
      const subject = subjectOf(leaf);
      const [chained, valid, usage, revocation] = await certificateChecks(store, chain, at);
      if (!chained.ok) throw new EdxmlError('EDXML_CERT_UNTRUSTED', `Signing certificate ${subject}: ${chained.message}`, { subject }, 422);
      if (!valid.ok) throw new EdxmlError('EDXML_CERT_EXPIRED', valid.message, { subject }, 422);
      if (!usage.ok) throw new EdxmlError('EDXML_CERT_KEY_USAGE', `Signing certificate ${subject}: ${usage.message}`, { subject }, 422);
      if (!revocation.ok)
        throw new EdxmlError('EDXML_CERT_REVOKED', `Signing certificate ${subject}: ${revocation.message}`, { subject }, 422);
      const orgCode = orgCodeOf(leaf);
      return { certificatePem: forge.pki.certificateToPem(leaf), subject, ...(orgCode ? { orgCode } : {}) };
    },
  };
}
