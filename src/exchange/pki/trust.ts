import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';
import { certificatesFromPem, fingerprintOf, subjectOf, type Certificate } from './certificates.js';
import type { RevocationChecker } from './revocation.js';
import type { CheckResult } from './check-result.js';

export type { CheckResult } from './check-result.js';

/**
 * The configured trust anchors (TRUST_ANCHORS). A certificate carried inside a packet is never
 * trusted on its own: its chain must end at one of these.
 */
export class TrustStore {
  private readonly store: forge.pki.CAStore;
  private readonly chainCache = new Map<string, CheckResult>();
  /** Revocation for this store only; else the shared checker (`setRevocationChecker`). */
  revocation?: RevocationChecker;

  constructor(readonly anchors: Certificate[]) {
    if (anchors.length === 0) throw new ValidationError('TRUST_ANCHORS_EMPTY', 'At least one trust anchor certificate is required');
    this.store = forge.pki.createCaStore(anchors);
  }

  static fromFiles(files: string[]): TrustStore {
    return new TrustStore(
      files.flatMap((f) => {
        let pem: string;
        try {
          pem = readFileSync(f, 'utf8');
        } catch (err) {
          throw new ValidationError('TRUST_ANCHORS_INVALID', `Cannot read trust anchor ${f}: ${(err as Error).message}`, { file: f });
        }
        return certificatesFromPem(pem, f);
      }),
    );
  }

  /**
   * Chain to an anchor, dates ignored (validity is its own check so the report says which failed).
   * Cached per chain; `cacheKey` (e.g. the x5c text) spares hashing the certificates.
   */
  checkChain(chain: Certificate[], cacheKey?: string): CheckResult {
    const key = cacheKey ?? chain.map(fingerprintOf).join('|');
    const cached = this.chainCache.get(key);
    if (cached) return cached;
    let result: CheckResult;
    try {
      forge.pki.verifyCertificateChain(this.store, chain, { validityCheckDate: null, verify: acceptCriticalExtKeyUsage });
      result = { check: 'chain', ok: true, message: `chains to ${subjectOf(this.anchorFor(chain) ?? chain[chain.length - 1]!)}` };
    } catch (err) {
      const e = err as { message?: string; error?: string };
      result = {
        check: 'chain',
        ok: false,
        message: `not issued under a trusted anchor (${e.message ?? e.error ?? 'verification failed'})`,
      };
    }
    if (this.chainCache.size > 1000) this.chainCache.clear();
    this.chainCache.set(key, result);
    return result;
  }

  /** The issuer of `cert` among the anchors (for a chain that stops below its anchor). */
  issuerOf(cert: Certificate): Certificate | undefined {
    return this.store.getIssuer(cert) ?? undefined;
  }

  private anchorFor(chain: Certificate[]): Certificate | undefined {
    const last = chain[chain.length - 1]!;
    return this.store.getIssuer(last) ?? (this.store.hasCertificate(last) ? last : undefined);
  }
}

/**
 * forge refuses any critical extension it does not enforce; extendedKeyUsage is critical on TSA
 * certificates (RFC 3161 §2.3) and the callers that need a purpose check it themselves
 * (the TSA client checks timeStamping), so a critical EKU alone is not a chain failure.
 */
const UNSUPPORTED_CERTIFICATE = 'forge.pki.UnsupportedCertificate';

function acceptCriticalExtKeyUsage(verified: boolean | string, depth: number, certs: Certificate[]): boolean {
  if (verified !== UNSUPPORTED_CERTIFICATE) return verified === true;
  const cert = certs[depth]!;
  const known = new Set(['keyUsage', 'basicConstraints', 'nameConstraints', 'extKeyUsage']);
  return cert.extensions.every((e: { critical?: boolean; name?: string }) => !e.critical || known.has(e.name ?? ''));
}

/** Every certificate of the chain must be valid at `at`. */
export function checkValidity(chain: Certificate[], at: Date): CheckResult {
  for (const c of chain) {
    if (at < c.validity.notBefore || at > c.validity.notAfter) {
      return {
        check: 'validity',
        ok: false,
        message: `${subjectOf(c)} valid ${c.validity.notBefore.toISOString()} to ${c.validity.notAfter.toISOString()}, not at ${at.toISOString()}`,
      };
    }
  }
  const leaf = chain[0]!;
  return { check: 'validity', ok: true, message: `valid until ${leaf.validity.notAfter.toISOString().slice(0, 10)}` };
}

/** The signing certificate must allow digital signatures (digitalSignature or nonRepudiation). */
export function checkKeyUsage(leaf: Certificate): CheckResult {
  const ku = leaf.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | null;
  if (!ku) return { check: 'keyUsage', ok: false, message: 'certificate has no keyUsage extension' };
  if (ku.digitalSignature || ku.nonRepudiation) return { check: 'keyUsage', ok: true, message: 'digitalSignature/nonRepudiation allowed' };
  return { check: 'keyUsage', ok: false, message: 'keyUsage does not allow digitalSignature or nonRepudiation' };
}

let sharedRevocation: RevocationChecker | undefined;

/**
 * The revocation checker every `certificateChecks` uses (OCSP_RESPONDER_URL, CRL_SOURCES), set
 * once by the exchange module at start so edXML, the leader's approval, the organisation
 * signer and ministry mTLS all check revocation the same way. A TrustStore may carry its own.
 */
export function setRevocationChecker(checker: RevocationChecker | undefined): void {
  sharedRevocation = checker;
}

export function revocationChecker(trust?: TrustStore): RevocationChecker | undefined {
  return trust?.revocation ?? sharedRevocation;
}

/** Revocation of every certificate below the anchor (leaf first); ok when none is revoked. */
export async function checkRevocation(trust: TrustStore, chain: Certificate[]): Promise<CheckResult> {
  const checker = revocationChecker(trust);
  if (!checker?.configured) return { check: 'revocation', ok: true, message: 'not checked: no OCSP responder or CRL configured' };
  let first: CheckResult | undefined;
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (cert.isIssuer(cert)) break; // the self-signed anchor
    const issuer = chain[i + 1] ?? trust.issuerOf(cert);
    if (!issuer) return { check: 'revocation', ok: false, message: `issuer of ${subjectOf(cert)} unknown: revocation not checked` };
    const result = await checker.check(cert, issuer);
    if (!result.ok) return result;
    first ??= result;
  }
  return first ?? { check: 'revocation', ok: true, message: 'no certificate to check' };
}

/**
 * What a receiver checks on a signer's chain (leaf first), in report order: chain to an anchor,
 * validity at `at`, key usage of the leaf, revocation (OCSP, else CRL; only for a trusted chain).
 * `cacheKey` as for `TrustStore.checkChain`.
 */
export async function certificateChecks(
  trust: TrustStore,
  chain: Certificate[],
  at: Date,
  cacheKey?: string,
): Promise<[CheckResult, CheckResult, CheckResult, CheckResult]> {
  const chained = trust.checkChain(chain, cacheKey);
  const revocation = chained.ok
    ? await checkRevocation(trust, chain)
    : { check: 'revocation', ok: true, message: 'not checked: the chain is not trusted (see chain)' };
  return [chained, checkValidity(chain, at), checkKeyUsage(chain[0]!), revocation];
}
