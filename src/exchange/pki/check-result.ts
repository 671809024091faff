export interface CheckResult {
  check: string;
  ok: boolean;
  message: string;
  /** revocation: true when a responder or CRL says revoked (not merely unknown). */
  revoked?: boolean;
}
