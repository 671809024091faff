import { createHash } from 'node:crypto';
import { flattenedVerify } from 'jose';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';
import { certificateFromDerBase64, certificateToDerBase64, publicKeyOf, type Certificate } from '../pki/certificates.js';
import type { CheckResult } from '../pki/trust.js';
import { sha256, verifyTimeStampToken, type TimeStampInfo } from '../timestamp/rfc3161.js';
import type { TimeStampAuthority } from '../timestamp/tsa-client.js';
import type { SignatureDevice, SigningAuthorization } from './devices/port.js';
import type { TrustStore } from '../pki/trust.js';

/**
 * JAdES baseline signatures (ETSI TS 119 182-1) in the JWS JSON flattened serialization:
 * protected header `alg` RS256, `cty`, `x5c` (chain), `x5t#S256` (signing-certificate digest),
 * `sigT` (claimed signing time, in `crit`); level B-T adds an RFC 3161 time stamp over the
 * base64url JWS signature value in the unprotected `etsiU` array (`sigTst`, base64url-encoded
 * JSON as TS 119 182-1 §5.3 allows). The payload (canonical JSON) is carried: the signature
 * stands on its own inside a national packet.
 */
export interface JadesSignature {
  payload: string;
  protected: string;
  header?: { etsiU?: string[] };
  signature: string;
}

const b64u = (s: string | Buffer) => Buffer.from(s).toString('base64url');
/** sigT is "YYYY-MM-DDThh:mm:ssZ" (no fraction, TS 119 182-1 §5.2.1). */
const sigTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface JadesSignOptions {
  device: SignatureDevice;
  authorization?: SigningAuthorization;
  /** Present → level B-T; absent → B-B. */
  tsa?: TimeStampAuthority;
  signingTime: Date;
  contentType: string;
}

export async function signJades(
  payload: string,
  options: JadesSignOptions,
): Promise<{ jws: JadesSignature; chain: Certificate[]; timestamp?: TimeStampInfo }> {
  const chain = await options.device.certificateChain();
  const x5c = chain.map(certificateToDerBase64);
  const header = {
    alg: 'RS256',
    cty: options.contentType,
    x5c,
    'x5t#S256': createHash('sha256').update(Buffer.from(x5c[0]!, 'base64')).digest('base64url'),
    sigT: sigTime(options.signingTime),
    crit: ['sigT'],
  };
  const protectedB64 = b64u(JSON.stringify(header));
  const payloadB64 = b64u(payload);
  const digest = sha256(`${protectedB64}.${payloadB64}`);
  const signature = (await options.device.signDigest(digest, options.authorization)).toString('base64url');
  const jws: JadesSignature = { payload: payloadB64, protected: protectedB64, signature };
  if (!options.tsa) return { jws, chain };
  const stamp = await options.tsa.timestamp(signature);
  jws.header = { etsiU: [b64u(JSON.stringify({ sigTst: { tstTokens: [{ val: stamp.token.toString('base64') }] } }))] };
  const { token: _token, ...timestamp } = stamp;
  return { jws, chain, timestamp };
}

export function parseJades(text: string): JadesSignature {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ValidationError('SIGNATURE_MALFORMED', 'The approval signature is not a JWS JSON serialization');
  }
  const j = parsed as Partial<JadesSignature>;
  if (typeof j.payload !== 'string' || typeof j.protected !== 'string' || typeof j.signature !== 'string') {
    throw new ValidationError('SIGNATURE_MALFORMED', 'The approval signature lacks payload, protected or signature');
  }
  return j as JadesSignature;
}

/** The `sigTst` token of a B-T signature, if any. */
export function signatureTimestampToken(jws: JadesSignature): Buffer | undefined {
  for (const entry of jws.header?.etsiU ?? []) {
    try {
      const obj = JSON.parse(Buffer.from(entry, 'base64url').toString('utf8')) as { sigTst?: { tstTokens?: { val?: string }[] } };
      const val = obj.sigTst?.tstTokens?.[0]?.val;
      if (val) return Buffer.from(val, 'base64');
    } catch {
      // not a base64url JSON entry: ignored, as an unknown etsiU item
    }
  }
  return undefined;
}

export interface JadesVerification {
  ok: boolean;
  level: 'B-B' | 'B-T';
  checks: CheckResult[];
  payload?: string;
  chain: Certificate[];
  signingTime?: Date;
  timestamp?: TimeStampInfo;
}

/**
 * The signature-level checks of a JAdES signature: the JWS signature by the x5c leaf, the
 * signing-certificate digest, and (B-T) the time stamp over the signature value. Certificate
 * checks (chain, validity at the time stamp, key usage, revocation) are the caller's, through
 * `certificateChecks`, so every certificate is checked one way.
 */
export async function verifyJadesSignature(jws: JadesSignature, trust: TrustStore): Promise<JadesVerification> {
  let header: { alg?: string; x5c?: string[]; 'x5t#S256'?: string; sigT?: string; crit?: string[] };
  try {
    header = JSON.parse(Buffer.from(jws.protected, 'base64url').toString('utf8')) as typeof header;
  } catch {
    return { ok: false, level: 'B-B', chain: [], checks: [{ check: 'signature', ok: false, message: 'protected header unreadable' }] };
  }
  if (header.alg !== 'RS256' || !Array.isArray(header.x5c) || header.x5c.length === 0) {
    return {
      ok: false,
      level: 'B-B',
      chain: [],
      checks: [{ check: 'signature', ok: false, message: 'RS256 with an x5c chain is required' }],
    };
  }
  const chain = header.x5c.map(certificateFromDerBase64);
  const checks: CheckResult[] = [];
  let payload: string | undefined;
  try {
    const out = await flattenedVerify(
      { payload: jws.payload, protected: jws.protected, signature: jws.signature },
      publicKeyOf(chain[0]!),
      { algorithms: ['RS256'], crit: { sigT: true } },
    );
    payload = Buffer.from(out.payload).toString('utf8');
    checks.push({ check: 'signature', ok: true, message: 'RS256 signature valid' });
  } catch (err) {
    checks.push({ check: 'signature', ok: false, message: `signature invalid (${(err as Error).message})` });
  }
  const leafDigest = forge.util.encode64(
    forge.md.sha256
      .create()
      .update(forge.asn1.toDer(forge.pki.certificateToAsn1(chain[0]!)).getBytes())
      .digest()
      .getBytes(),
  );
  const x5t = Buffer.from(leafDigest, 'base64').toString('base64url');
  checks.push({
    check: 'signingCertificate',
    ok: header['x5t#S256'] === x5t,
    message:
      header['x5t#S256'] === x5t
        ? 'x5t#S256 matches the signing certificate'
        : 'x5t#S256 missing or does not match the signing certificate',
  });
  const signingTime = header.sigT ? new Date(header.sigT) : undefined;
  const sigTOk = !!signingTime && !Number.isNaN(signingTime.getTime()) && (header.crit ?? []).includes('sigT');
  checks.push({ check: 'signingTime', ok: sigTOk, message: sigTOk ? `sigT ${header.sigT}` : 'sigT missing, unreadable or not in crit' });
  const token = signatureTimestampToken(jws);
  let timestamp: TimeStampInfo | undefined;
  if (token) {
    const t = await verifyTimeStampToken(token, sha256(jws.signature), trust);
    timestamp = t.info;
    const failed = t.checks.filter((c) => !c.ok);
    checks.push({
      check: 'timestamp',
      ok: t.ok,
      message: t.ok ? `time stamp ${t.info!.genTime.toISOString()} by ${t.info!.tsa}` : failed.map((c) => c.message).join('; '),
    });
  }
  return {
    ok: checks.every((c) => c.ok),
    level: token ? 'B-T' : 'B-B',
    checks,
    payload,
    chain,
    signingTime: sigTOk ? signingTime : undefined,
    timestamp,
  };
}
