import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';
import { certificateFromDerBase64, subjectOf, type Certificate } from '../pki/certificates.js';
import type { CheckResult, TrustStore } from '../pki/trust.js';

/**
 * RFC 3161 time-stamp protocol structures on PKI.js (TimeStampReq, TimeStampResp, the token's
 * CMS SignedData): a well-kept implementation of the ASN.1 rather than our own. Hash: SHA-256.
 */
const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export interface TimeStampRequest {
  der: Buffer;
  nonce: Buffer;
}

/** A TimeStampReq (v1, SHA-256 imprint of `digest`, certReq so the token carries the TSA certificate, random nonce). */
export function buildTimeStampRequest(digest: Buffer, policy?: string): TimeStampRequest {
  if (digest.length !== 32) throw new ValidationError('TIMESTAMP_DIGEST_INVALID', 'A SHA-256 digest (32 bytes) is required');
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x40; // positive INTEGER with no leading zero to strip
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(digest) }),
    }),
    certReq: true,
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
    ...(policy ? { reqPolicy: policy } : {}),
  });
  return { der: Buffer.from(req.toSchema().toBER(false)), nonce };
}

/** What a verified time-stamp token says. */
export interface TimeStampInfo {
  genTime: Date;
  serialNumber: string;
  policy: string;
  /** SHA-256 the token covers (hex). */
  imprint: string;
  tsa: string;
  /** The TSA certificate(s) carried in the token, base64 DER, signer first. */
  certificates: string[];
}

/** Reads a TimeStampResp: status must be granted (0) or grantedWithMods (1); returns the token (ContentInfo DER). */
export function tokenFromResponse(der: Buffer): Buffer {
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(ab(der));
  } catch (err) {
    throw new ValidationError('TIMESTAMP_RESPONSE_INVALID', `Time-stamp response unreadable: ${(err as Error).message}`);
  }
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
    throw new ValidationError(
      'TIMESTAMP_REFUSED',
      `The time-stamping authority refused the request (status ${status}${text ? `: ${text}` : ''})`,
      { status },
    );
  }
  if (!resp.timeStampToken) throw new ValidationError('TIMESTAMP_RESPONSE_INVALID', 'Time-stamp response has no token');
  return Buffer.from(resp.timeStampToken.toSchema().toBER(false));
}

function parseToken(token: Buffer): { signed: pkijs.SignedData; info: pkijs.TSTInfo } {
  try {
    const content = pkijs.ContentInfo.fromBER(ab(token));
    const signed = new pkijs.SignedData({ schema: content.content });
    const econtent = signed.encapContentInfo.eContent;
    if (!econtent) throw new Error('no eContent');
    const info = pkijs.TSTInfo.fromBER(econtent.getValue());
    return { signed, info };
  } catch (err) {
    throw new ValidationError('TIMESTAMP_TOKEN_INVALID', `Time-stamp token unreadable: ${(err as Error).message}`);
  }
}

const toForge = (c: pkijs.Certificate): Certificate => certificateFromDerBase64(Buffer.from(c.toSchema().toBER(false)).toString('base64'));

/** Reads a token without checking it (for display); `verifyTimeStampToken` is the check. */
export function readTimeStampToken(token: Buffer): TimeStampInfo {
  const { signed, info } = parseToken(token);
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const forgeCerts = certs.map(toForge);
  return {
    genTime: info.genTime,
    serialNumber: Buffer.from(info.serialNumber.valueBlock.valueHexView).toString('hex'),
    policy: info.policy,
    imprint: Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex'),
    tsa: forgeCerts[0] ? subjectOf(forgeCerts[0]) : '',
    certificates: forgeCerts.map((c) => forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes())),
  };
}

export interface TimeStampVerification {
  ok: boolean;
  checks: CheckResult[];
  info?: TimeStampInfo;
}

/**
 * Checks a time-stamp token over `digest` (SHA-256): the imprint, the CMS signature of the TSA,
 * the TSA certificate's chain to `trust` and validity at genTime, and its timeStamping EKU.
 * Every check runs so the caller can say which failed.
 */
export async function verifyTimeStampToken(token: Buffer, digest: Buffer, trust: TrustStore): Promise<TimeStampVerification> {
  let parsed;
  try {
    parsed = parseToken(token);
  } catch (err) {
    return { ok: false, checks: [{ check: 'timestamp', ok: false, message: (err as Error).message }] };
  }
  const { info } = parsed;
  const checks: CheckResult[] = [];
  const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  const algOk = info.messageImprint.hashAlgorithm.algorithmId === SHA256_OID;
  checks.push({
    check: 'timestampImprint',
    ok: algOk && imprint.equals(digest),
    message: algOk && imprint.equals(digest) ? 'time stamp covers the signature value' : 'time stamp covers other data',
  });
  let signerCert: pkijs.Certificate | undefined;
  try {
    // PKI.js checks a TSTInfo's imprint by hashing the original data, which a caller holding only
    // the digest cannot give; the imprint is checked above, so the CMS signature (messageDigest of
    // the eContent + RSA over the signed attributes) is verified as plain signed content.
    const asData = parseToken(token).signed; // a fresh parse: re-encoding a parsed SignedData changes its bytes
    asData.encapContentInfo.eContentType = '1.2.840.113549.1.7.1';
    const result = await asData.verify({ signer: 0, checkChain: false, extendedMode: true });
    signerCert = result.signerCertificate ?? undefined;
    checks.push({
      check: 'timestampSignature',
      ok: result.signatureVerified === true,
      message: result.signatureVerified ? 'TSA signature valid' : 'TSA signature invalid',
    });
  } catch (err) {
    const e = err as { message?: string; signerCertificate?: pkijs.Certificate };
    signerCert = e.signerCertificate ?? undefined;
    checks.push({ check: 'timestampSignature', ok: false, message: `TSA signature invalid: ${e.message ?? String(err)}` });
  }
  const info2 = readTimeStampToken(token);
  if (!signerCert) {
    checks.push({ check: 'timestampAuthority', ok: false, message: 'the token does not carry the TSA certificate' });
    return { ok: false, checks, info: info2 };
  }
  const tsaCert = toForge(signerCert);
  const others = info2.certificates.map(certificateFromDerBase64).filter((c) => c.serialNumber !== tsaCert.serialNumber);
  const chain = trust.checkChain([tsaCert, ...others]);
  const validAt = info.genTime >= tsaCert.validity.notBefore && info.genTime <= tsaCert.validity.notAfter;
  const eku = signerCert.extensions?.find((e) => e.extnID === '2.5.29.37');
  const ekuOk = !!eku && (eku.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes.includes(TIME_STAMPING_EKU) === true;
  checks.push({
    check: 'timestampAuthority',
    ok: chain.ok && validAt && ekuOk,
    message: !chain.ok
      ? `TSA ${subjectOf(tsaCert)}: ${chain.message}`
      : !validAt
        ? `TSA certificate not valid at ${info.genTime.toISOString()}`
        : !ekuOk
          ? 'TSA certificate lacks extendedKeyUsage timeStamping'
          : `TSA ${subjectOf(tsaCert)}`,
  });
  return { ok: checks.every((c) => c.ok), checks, info: { ...info2, tsa: subjectOf(tsaCert) } };
}

export function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest();
}
