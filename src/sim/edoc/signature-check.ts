import { X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import forge from 'node-forge';
import { SignedXml } from 'xml-crypto';
import { edxmlRoot, kids } from './edxml-reader.js';

/**
 * The axis's own check of an edXML's enveloped XML-DSig (xml-crypto and node:crypto directly,
 * none of the gateway's signing code): one Signature in edXMLEnvelope/edXMLHeader, RSA-SHA256
 * over the whole document (one Reference URI="", enveloped + exclusive c14n), by a certificate
 * that chains to one of the axis's trusted certificates, valid now and allowed to sign.
 * Revocation is not checked here (the simulated axis has no CRL feed).
 */
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Why a signature is refused; `code` is what the refusal (02) names. */
export class SignatureRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CheckedSignature {
  /** The canonical XML the signature covers: the document is read from this, not from the input. */
  signedXml: string;
  /** Subject of the signing certificate, most specific first (CN=…, UID=…, O=…). */
  subject: string;
  /** The organisation code in the certificate's UID, when present. */
  orgCode?: string;
}

export interface SignatureCheck {
  verify(xml: string): CheckedSignature;
}

const pems = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const fromDer = (b64: string) => new X509Certificate(Buffer.from(b64, 'base64'));
const issues = (issuer: X509Certificate, cert: X509Certificate) => cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

function theSignature(xml: string): Element {
  const root = edxmlRoot(xml);
  const all = Array.from(root.getElementsByTagNameNS(DSIG_NS, 'Signature'));
  if (all.length !== 1)
    throw new SignatureRefused(all.length ? 'EDXML_SIGNATURE_INVALID' : 'EDXML_SIGNATURE_MISSING', `${all.length} Signature elements`);
  const header = kids(kids(root, 'edXMLEnvelope')[0], 'edXMLHeader')[0];
  if (!header || all[0]!.parentNode !== header)
    throw new SignatureRefused('EDXML_SIGNATURE_INVALID', 'Signature must sit in edXML/edXMLEnvelope/edXMLHeader');
  return all[0]!;
}

/** Leaf first; trusted when a trusted certificate is the leaf, or issues it (directly or through the embedded intermediates). */
function trustedLeaf(chain: X509Certificate[], anchors: X509Certificate[], now: Date): X509Certificate {
  const leaf = chain[0];
  if (!leaf) throw new SignatureRefused('EDXML_CERT_INVALID', 'KeyInfo carries no certificate');
  let current = leaf;
  for (let depth = 0; depth <= chain.length; depth++) {
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256 || issues(a, current))) {
      if (now < new Date(leaf.validFrom) || now > new Date(leaf.validTo))
        throw new SignatureRefused('EDXML_CERT_EXPIRED', `Signing certificate not valid at ${now.toISOString()}`);
      const usage = forge.pki.certificateFromPem(leaf.toString()).getExtension('keyUsage') as {
        digitalSignature?: boolean;
        nonRepudiation?: boolean;
      } | null;
      if (usage && !usage.digitalSignature && !usage.nonRepudiation)
        throw new SignatureRefused('EDXML_CERT_KEY_USAGE', 'Signing certificate may not sign (keyUsage)');
      return leaf;
    }
    const next = chain.find((c) => c !== current && issues(c, current));
    if (!next) break;
    current = next;
  }
  throw new SignatureRefused(
    'EDXML_CERT_UNTRUSTED',
    `Signing certificate ${leaf.subject.replaceAll('\n', ', ')} does not chain to a trusted certificate`,
  );
}

/** xml-crypto's verdict; its exceptions (malformed SignedInfo, unknown algorithms) are refusals too. */
function checked(sig: SignedXml, signature: Element, xml: string): boolean {
  try {
    sig.loadSignature(signature.toString());
    return sig.checkSignature(xml);
  } catch (err) {
    throw new SignatureRefused('EDXML_SIGNATURE_INVALID', (err as Error).message.slice(0, 200));
  }
}

export function createSignatureCheck(trustedPem: readonly string[], now: () => Date): SignatureCheck {
  const anchors = trustedPem.flatMap(pems).map((p) => new X509Certificate(p));
  return {
    verify(xml) {
      const signature = theSignature(xml);
      const data = Array.from(signature.getElementsByTagNameNS(DSIG_NS, 'X509Certificate'));
      let chain: X509Certificate[];
      try {
        chain = data.map((n) => fromDer((n.textContent ?? '').replace(/\s+/g, '')));
      } catch (err) {
        throw new SignatureRefused('EDXML_CERT_INVALID', `Signing certificate cannot be read: ${(err as Error).message}`);
      }
      const leaf = trustedLeaf(chain, anchors, now());
      // KeyInfo is never a key source: only the certificate proven trusted above verifies.
      const sig = new SignedXml({ publicCert: leaf.toString(), getCertFromKeyInfo: () => null });
      const ok = checked(sig, signature, xml);
      const refs = sig.getReferences();
      const signed = sig.getSignedReferences();
      const whole = refs.length === 1 && refs[0]!.uri === '' && refs[0]!.transforms.join(' ') === `${ENVELOPED} ${EXC_C14N}`;
      if (!ok || signed.length !== 1 || !whole || sig.signatureAlgorithm !== RSA_SHA256 || sig.canonicalizationAlgorithm !== EXC_C14N)
        throw new SignatureRefused(
          'EDXML_SIGNATURE_INVALID',
          'the signature does not cover the whole document with RSA-SHA256 and exclusive c14n',
        );
      const lines = leaf.subject.split('\n').reverse();
      const orgCode = lines.find((l) => l.startsWith('UID='))?.slice(4);
      return { signedXml: signed[0]!, subject: lines.join(', '), ...(orgCode ? { orgCode } : {}) };
    },
  };
}
