import { ValidationError } from '../../shared/errors.js';
import { subjectOf } from '../pki/certificates.js';
import { certificateChecks, type CheckResult, type TrustStore } from '../pki/trust.js';
import { readDetachedHeader, verifyDetachedSignature } from './jws.js';

export interface SignatureVerification {
  ok: boolean;
  /** signature, chain, validity, keyUsage: each with ok and why. */
  checks: CheckResult[];
  signer?: string;
  orgCode?: string;
}

/**
 * Verifies a detached JWS over `body`: the signature itself, the x5c chain to the configured
 * anchors, validity at `at`, and key usage. Every check runs so the caller can say which failed.
 */
export async function verifySignature(body: string, jws: string, trust: TrustStore, at: Date): Promise<SignatureVerification> {
  let parsed;
  try {
    parsed = readDetachedHeader(jws);
  } catch (err) {
    const message = err instanceof ValidationError ? err.message : String(err);
    return { ok: false, checks: [{ check: 'signature', ok: false, message }] };
  }
  const leaf = parsed.chain[0]!;
  const signed = await verifyDetachedSignature(body, jws, leaf);
  const checks: CheckResult[] = [
    {
      check: 'signature',
      ok: signed,
      message: signed ? `RS256 by ${subjectOf(leaf)}` : 'signature does not match the body (tampered or wrong key)',
    },
    ...(await certificateChecks(trust, parsed.chain, at, parsed.chainKey)),
  ];
  return { ok: checks.every((c) => c.ok), checks, signer: subjectOf(leaf) };
}
