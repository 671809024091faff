import { errors } from 'jose';

/**
 * Maps a jose verification failure to our stable code, so each attack (alg none, HS256 with the
 * public key, expiry, wrong aud/iss, unknown kid, bad signature) is refused with its own code.
 */
export function jwtFailureCode(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'TOKEN_EXPIRED';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'TOKEN_AUDIENCE_INVALID';
    if (err.claim === 'iss') return 'TOKEN_ISSUER_INVALID';
    if (err.claim === 'sub') return 'TOKEN_SUBJECT_INVALID';
    if (err.claim === 'nbf' || err.claim === 'iat') return 'TOKEN_NOT_YET_VALID';
    return 'TOKEN_CLAIM_INVALID';
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return 'TOKEN_ALG_NOT_ALLOWED';
  if (err instanceof errors.JWKSNoMatchingKey) return 'TOKEN_KEY_UNKNOWN';
  if (err instanceof errors.JWKSMultipleMatchingKeys) return 'TOKEN_KEY_AMBIGUOUS';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'TOKEN_SIGNATURE_INVALID';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return 'ISSUER_KEYS_UNAVAILABLE';
  if (err instanceof errors.JOSENotSupported) return 'TOKEN_ALG_NOT_ALLOWED';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'TOKEN_MALFORMED';
  return 'TOKEN_INVALID';
}

export function jwtFailureMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
