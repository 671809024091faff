import { createHash, verify } from 'node:crypto';
import forge from 'node-forge';
import { publicKeyOf, subjectOf, type Certificate } from '../pki/certificates.js';
import type { SigningCredentials } from '../pki/credentials.js';

const OID_MESSAGE_DIGEST = forge.pki.oids.messageDigest!;

/**
 * A forge-compatible "private key" whose RSA operation is the credential's own (native
 * node:crypto for a file key, the PKCS#11 token for a device key): forge builds the CMS
 * structure only (its own RSA is ~80× slower). PKCS#1 v1.5 over forge's SHA-256 of the signed attributes.
 */
function credentialSigner(credentials: SigningCredentials): { sign(md: forge.md.MessageDigest): string } {
  return {
    sign(md) {
      return credentials.signDigest(Buffer.from(md.digest().getBytes(), 'binary')).toString('binary');
    },
  };
}

function decodedAttribute(a: forge.pki.CertificateField): forge.pki.CertificateField {
  return (a.valueTagClass as number | undefined) === forge.asn1.Type.UTF8 ? { ...a, value: forge.util.decodeUtf8(String(a.value)) } : a;
}

/** Detached CMS/PKCS#7 SignedData (base64 DER) over `content`, with signing time and the signer's chain. */
export function signCmsDetached(content: Buffer, credentials: SigningCredentials, at: Date = new Date()): string {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  for (const cert of credentials.chain) p7.addCertificate(cert);
  p7.addSigner({
    key: credentialSigner(credentials) as unknown as forge.pki.rsa.PrivateKey,
    // forge keeps parsed UTF8String names as raw bytes and would encode them twice: hand it decoded text.
    issuer: credentials.certificate.issuer.attributes.map(decodedAttribute),
    serialNumber: credentials.certificate.serialNumber,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
      { type: OID_MESSAGE_DIGEST },
      { type: forge.pki.oids.signingTime!, value: at as unknown as string },
    ],
    // forge's types omit the documented issuer + serialNumber alternative to `certificate`.
  } as unknown as Parameters<typeof p7.addSigner>[0]);
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary').toString('base64');
}

export interface CmsVerification {
  ok: boolean;
  message: string;
  /** Signer chain as carried (leaf first when found): not trusted by itself. */
  chain: Certificate[];
}

interface SignerParts {
  attrs: forge.asn1.Asn1[];
  signature: string;
  serial: string;
}

/**
 * SignerInfo ::= SEQUENCE { version, sid IssuerAndSerialNumber, digestAlgorithm,
 * [0] IMPLICIT signedAttrs, signatureAlgorithm, signature OCTET STRING, [1] unsignedAttrs OPTIONAL }
 * (RFC 5652 §5.3). forge parses but drops the signed attributes, so read them here.
 */
function signerParts(info: forge.asn1.Asn1): SignerParts | undefined {
  const parts = info.value as forge.asn1.Asn1[];
  const sid = parts[1]?.value as forge.asn1.Asn1[] | undefined;
  const attrsIndex = parts.findIndex((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signature = parts
    .slice(attrsIndex + 1)
    .find((p) => p.tagClass === forge.asn1.Class.UNIVERSAL && p.type === forge.asn1.Type.OCTETSTRING);
  if (!sid?.[1] || attrsIndex < 0 || !signature) return undefined;
  return { attrs: parts[attrsIndex]!.value as forge.asn1.Asn1[], signature: signature.value as string, serial: sid[1].value as string };
}

/** The signed attributes' messageDigest value, if present. */
function messageDigestOf(attrs: forge.asn1.Asn1[]): string | undefined {
  for (const attr of attrs) {
    const [oid, set] = attr.value as forge.asn1.Asn1[];
    if (oid && forge.asn1.derToOid(oid.value as string) === OID_MESSAGE_DIGEST) {
      return (set!.value as forge.asn1.Asn1[])[0]!.value as string;
    }
  }
  return undefined;
}

/**
 * Verifies a detached CMS signature over `content`: the messageDigest attribute matches the
 * content and the RSA signature over the signed attributes verifies (natively) with the signer
 * certificate. Chain, validity and key usage are the caller's checks (TrustStore).
 * forge cannot verify PKCS#7 itself, so the SignerInfo is read from its ASN.1.
 */
export function verifyCmsDetached(cmsBase64: string, content: Buffer): CmsVerification {
  try {
    return verifyCms(cmsBase64, content);
  } catch (err) {
    // Hostile or truncated ASN.1 must end as a failed check, never as a crash of the caller.
    return { ok: false, message: `unreadable CMS: ${(err as Error).message}`, chain: [] };
  }
}

function verifyCms(cmsBase64: string, content: Buffer): CmsVerification {
  let msg: forge.pkcs7.PkcsSignedData & { rawCapture?: { signerInfos?: forge.asn1.Asn1[] } };
  // rawCapture.signerInfos: the SignerInfo SEQUENCEs as forge captured them.
  try {
    msg = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(Buffer.from(cmsBase64, 'base64').toString('binary'))) as typeof msg;
  } catch (err) {
    return { ok: false, message: `not a CMS SignedData: ${(err as Error).message}`, chain: [] };
  }
  const signerInfo = msg.rawCapture?.signerInfos?.[0];
  const capture = signerInfo ? signerParts(signerInfo) : undefined;
  if (!capture) return { ok: false, message: 'CMS has no signer with signed attributes', chain: [] };
  const serial = forge.util.createBuffer(capture.serial).toHex();
  const leaf = msg.certificates.find((c) => c.serialNumber === serial);
  if (!leaf) return { ok: false, message: 'signer certificate not included in the CMS', chain: msg.certificates };
  const chain = [leaf, ...msg.certificates.filter((c) => c !== leaf)];
  const digest = createHash('sha256').update(content).digest();
  if (messageDigestOf(capture.attrs) !== digest.toString('binary')) {
    return { ok: false, message: 'attachment content does not match the signed digest', chain };
  }
  const signedAttrs = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, capture.attrs);
  const der = Buffer.from(forge.asn1.toDer(signedAttrs).getBytes(), 'binary');
  const ok = verify('sha256', der, publicKeyOf(leaf), Buffer.from(capture.signature, 'binary'));
  return { ok, message: ok ? `CMS signed by ${subjectOf(leaf)}` : 'CMS signature does not verify', chain };
}
