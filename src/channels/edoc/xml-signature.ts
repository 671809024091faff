import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { createCertificateTrust, type EdxmlSignerIdentity } from './certificate-trust.js';
import { EdxmlError } from './edxml-errors.js';
import { EDXML_NAMESPACE } from './edxml-types.js';
import { assertSafeXml } from './safe-xml.js';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const HEADER_XPATH = "/*[local-name(.)='edXML']/*[local-name(.)='edXMLEnvelope']/*[local-name(.)='edXMLHeader']";

/** Adds the enveloped XML-DSig signature of the sending organisation to an edXML document. */
export interface EdxmlSigner {
  readonly certificatePem: string;
  sign(xml: string): string;
}

export function createEdxmlSigner(options: { privateKeyPem: string; certificatePem: string }): EdxmlSigner {
  return {
    certificatePem: options.certificatePem,
    sign(xml) {
      const sig = new SignedXml({
        privateKey: options.privateKeyPem,
        publicCert: options.certificatePem,
        signatureAlgorithm: RSA_SHA256,
        canonicalizationAlgorithm: EXC_C14N,
        getKeyInfoContent: SignedXml.getKeyInfoContent,
      });
      // URI="" = the whole document: nothing outside the signature's reach can be smuggled in.
      sig.addReference({ xpath: '/*', uri: '', isEmptyUri: true, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
      sig.computeSignature(xml, { location: { reference: HEADER_XPATH, action: 'append' } });
      return sig.getSignedXml();
    },
  };
}

export interface VerifiedEdxml {
  /** The canonical XML the signature covers (signature removed): read the document from this, not from the input. */
  signedXml: string;
  signer: EdxmlSignerIdentity;
}

export interface EdxmlVerifier {
  verify(xml: string): Promise<VerifiedEdxml>;
}

function parseDom(xml: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(
    xml,
    'text/xml',
  );
  if (errors.length > 0 || !doc.documentElement) {
    throw new EdxmlError('EDXML_MALFORMED', `edXML is not well-formed: ${errors[0] ?? 'no root element'}`);
  }
  return doc;
}

const invalid = (reason: string, details?: Record<string, unknown>) =>
  new EdxmlError('EDXML_SIGNATURE_INVALID', `edXML signature rejected: ${reason}`, details, 422);

/** The single Signature, placed in edXMLEnvelope/edXMLHeader of an edXML root (no wrapping tricks). */
function theSignature(xml: string): Element {
  const doc = parseDom(xml);
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG_NS, 'Signature'));
  if (signatures.length === 0) throw new EdxmlError('EDXML_SIGNATURE_MISSING', 'edXML is not signed', undefined, 422);
  if (signatures.length > 1) throw invalid('more than one Signature element', { count: signatures.length });
  const sig = signatures[0]!;
  const header = sig.parentNode as Element | null;
  const envelope = header?.parentNode as Element | null;
  const at = (el: Element | null | undefined, name: string) => el?.localName === name && el.namespaceURI === EDXML_NAMESPACE;
  if (
    !at(header, 'edXMLHeader') ||
    !at(envelope, 'edXMLEnvelope') ||
    envelope?.parentNode !== doc.documentElement ||
    !at(doc.documentElement, 'edXML')
  ) {
    throw invalid('Signature must sit in edXML/edXMLEnvelope/edXMLHeader');
  }
  return sig;
}

/** The certificates of the single X509Data, leaf first (intermediates may follow), as base64 DER. */
function embeddedChain(signature: Element): string[] {
  const data = Array.from(signature.getElementsByTagNameNS(DSIG_NS, 'X509Data'));
  if (data.length !== 1) throw invalid('KeyInfo must carry exactly one X509Data', { count: data.length });
  const certs = Array.from(data[0]!.getElementsByTagNameNS(DSIG_NS, 'X509Certificate')).map((n) =>
    (n.textContent ?? '').replace(/\s+/g, ''),
  );
  if (certs.length === 0) throw invalid('X509Data carries no X509Certificate');
  return certs;
}

/**
 * Verifies an edXML signature against the configured trust anchors only (xml-crypto ≥ 6:
 * `getCertFromKeyInfo` returns null so KeyInfo is never used as a key source; the embedded
 * certificate is used only after it is proven to chain to a trust anchor). Exactly one
 * Reference with URI="" (the whole document), the enveloped + exclusive c14n transforms and
 * RSA-SHA256 are accepted; anything else is refused.
 */
export function createEdxmlVerifier(options: { trustedCertificatesPem: readonly string[]; now?: () => Date }): EdxmlVerifier {
  const trust = createCertificateTrust(options.trustedCertificatesPem);
  const now = options.now ?? (() => new Date());
  return {
    async verify(xml) {
      assertSafeXml(xml);
      const signature = theSignature(xml);
      const signer = await trust.assertTrusted(embeddedChain(signature), now());
      const sig = new SignedXml({ publicCert: signer.certificatePem, getCertFromKeyInfo: () => null });
      try {
        sig.loadSignature(signature.toString());
      } catch (err) {
        throw invalid((err as Error).message);
      }
      if (sig.signatureAlgorithm !== RSA_SHA256) throw invalid('SignatureMethod must be RSA-SHA256', { algorithm: sig.signatureAlgorithm });
      if (sig.canonicalizationAlgorithm !== EXC_C14N) throw invalid('CanonicalizationMethod must be exclusive c14n');
      let ok: boolean;
      try {
        ok = sig.checkSignature(xml);
      } catch (err) {
        throw invalid((err as Error).message.slice(0, 200));
      }
      const refs = sig.getReferences();
      const signed = sig.getSignedReferences();
      if (!ok || signed.length !== 1) throw invalid('a reference digest does not match');
      const ref = refs[0]!;
      if (refs.length !== 1 || ref.uri !== '' || ref.transforms.join(' ') !== `${ENVELOPED} ${EXC_C14N}`) {
        throw invalid('the signature must cover the whole document (one Reference URI="" with enveloped + exc-c14n transforms)');
      }
      return { signedXml: signed[0]!, signer };
    },
  };
}
