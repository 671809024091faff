import type { DetailedPeerCertificate } from 'node:tls';

/**
 * What mutual TLS needs from the shared revocation checker (the exchange's OCSP-then-CRL
 * checker, cached with its freshness limit): the same answers leaders, the organisation signer
 * and edXML get, without a certificate library in the identity area.
 */
export interface ClientRevocation {
  readonly configured: boolean;
  checkDer(certDer: Buffer, issuerDer: Buffer): Promise<{ ok: boolean; revoked?: boolean; message: string }>;
}

export type ClientRevocationVerdict = { ok: true; checked: boolean } | { ok: false; revoked: boolean; message: string };

/**
 * Revocation of every certificate of the chain the TLS layer verified, leaf first, up to the
 * self-signed anchor (Node completes the peer chain from TLS_CLIENT_CA). Fail closed: a chain
 * without its issuer, or a status neither OCSP nor CRL can give, is not ok.
 */
export async function checkClientChain(
  revocation: ClientRevocation | undefined,
  peer: DetailedPeerCertificate,
): Promise<ClientRevocationVerdict> {
  if (!revocation?.configured) return { ok: true, checked: false };
  let cert = peer;
  // A chain longer than this is not one a ministry CA issues; the bound also stops a cycle.
  for (let depth = 0; depth < 8; depth++) {
    const issuer = cert.issuerCertificate as DetailedPeerCertificate | undefined;
    if (!issuer?.raw) return { ok: false, revoked: false, message: `issuer of ${cert.subject?.CN ?? 'the certificate'} unknown` };
    if (issuer.raw.equals(cert.raw)) return { ok: true, checked: true }; // the self-signed anchor
    const r = await revocation.checkDer(cert.raw, issuer.raw);
    if (!r.ok) return { ok: false, revoked: r.revoked === true, message: r.message };
    cert = issuer;
  }
  return { ok: false, revoked: false, message: 'certificate chain too long' };
}
