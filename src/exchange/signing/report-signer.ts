import type { ApprovedReport } from '../../core/approved-report.js';
import { signedContent } from '../../core/submissions/approval-chain.js';
import type { ReportSigner } from '../../core/submissions/ports.js';
import type { SigningCredentials } from '../pki/credentials.js';
import type { TrustStore } from '../pki/trust.js';
import { canonicalJson } from '../packets/canonical.js';
import { signDetached } from './jws.js';
import { verifySignature } from './verify.js';

/**
 * The leader's signature over the frozen approved report (ký số khi phê duyệt): a detached
 * JWS over the report's canonical JSON with the leader's certificate chain. The clerk's check
 * verifies it against the trust anchors at the approval time, so a later certificate expiry
 * does not invalidate an approval made while it was valid.
 */
export class CertificateReportSigner implements ReportSigner {
  constructor(
    private readonly credentials: SigningCredentials,
    private readonly trust: TrustStore,
    private readonly now: () => Date,
  ) {}

  async sign(report: ApprovedReport): Promise<{ signature: string; signer: string }> {
    const signature = await signDetached(canonicalJson(signedContent(report)), this.credentials, { cty: 'lienthong-approved-report' });
    return { signature, signer: this.credentials.subject };
  }

  async verify(report: ApprovedReport, signature: string): Promise<boolean> {
    const approvedAt = new Date(report.approvedAt);
    const at = Number.isNaN(approvedAt.getTime()) ? this.now() : approvedAt;
    const result = await verifySignature(canonicalJson(signedContent(report)), signature, this.trust, at);
    return result.ok;
  }
}
