import type { ApprovedReport } from '../../core/approved-report.js';
import { signedContent } from '../../core/submissions/approval-chain.js';
import type { ReportSigner, SignContext } from '../../core/submissions/ports.js';
import { ForbiddenError, UnavailableError } from '../../shared/errors.js';
import { canonicalJson } from '../packets/canonical.js';
import { certificateToDerBase64, commonNameOf, orgCodeOf, subjectOf, type Certificate } from '../pki/certificates.js';
import { certificateChecks, type CheckResult, type TrustStore } from '../pki/trust.js';
import type { TimeStampAuthority } from '../timestamp/tsa-client.js';
import { parseJades, signJades, verifyJadesSignature } from './jades.js';
import type { LeaderCredentials } from './leader-credentials.js';
import type { CertificateReportSigner } from './report-signer.js';

export const APPROVAL_CONTENT_TYPE = 'lienthong-approved-report+json';

/** What the clerk's page, `packet verify` and the national receiver show about an approval. */
export interface ApprovalDetails {
  ok: boolean;
  format: 'JAdES' | 'JWS';
  level?: 'B-B' | 'B-T';
  signer: { name: string; title?: string; unit?: string; orgCode?: string; subject: string };
  certificate: { serialNumber: string; issuer: string; notBefore: string; notAfter: string; chain: string[] };
  signingTime?: string;
  timestamp?: { genTime: string; tsa: string; serialNumber: string };
  checks: CheckResult[];
}

function attr(cert: Certificate, type: string, shortName?: string): string | undefined {
  const a = cert.subject.attributes.find((x) => x.type === type || (shortName && x.shortName === shortName));
  if (!a) return undefined;
  const raw = String(a.value);
  try {
    return decodeURIComponent(escape(raw)); // forge keeps UTF8String values as raw bytes
  } catch {
    return raw;
  }
}

export function signerOf(leaf: Certificate): ApprovalDetails['signer'] {
  return {
    name: commonNameOf(leaf),
    title: attr(leaf, '2.5.4.12', 'title'),
    unit: attr(leaf, '2.5.4.11', 'OU'),
    orgCode: orgCodeOf(leaf),
    subject: subjectOf(leaf),
  };
}

/**
 * The leader's personal signature at approval (ký số khi phê duyệt): the leader's own
 * credential (PKCS#12, PKCS#11 token or CSC remote signing, `LeaderCredentials`) makes a JAdES
 * B-T signature over the canonical JSON of the frozen report. Before signing, the leader's
 * certificate passes `certificateChecks` now, revocation included: a revoked leader cannot approve.
 */
export class PersonalReportSigner implements ReportSigner {
  constructor(
    private readonly leaders: LeaderCredentials,
    private readonly trust: TrustStore,
    private readonly tsa: TimeStampAuthority | undefined,
    private readonly now: () => Date,
    /** Verifies approvals made before JAdES (compact JWS records). */
    private readonly legacy: CertificateReportSigner,
  ) {}

  async sign(report: ApprovedReport, context?: SignContext): Promise<{ signature: string; signer: string }> {
    const device = this.leaders.deviceFor({
      signerId: context?.signerId ?? report.approvedBy,
      orgUnitId: context?.orgUnitId ?? report.orgUnit.id,
    });
    const chain = await device.certificateChain();
    const at = this.now();
    const failed = (await certificateChecks(this.trust, chain, at)).filter((c) => !c.ok);
    const who = commonNameOf(chain[0]!);
    const revocation = failed.find((c) => c.check === 'revocation');
    if (revocation?.revoked) {
      throw new ForbiddenError(
        'LEADER_CERTIFICATE_REVOKED',
        `Chứng thư số của ${who} đã bị thu hồi: không thể phê duyệt và ký báo cáo. Liên hệ tổ chức cung cấp dịch vụ chứng thực chữ ký số để được cấp chứng thư mới.`,
        { checks: failed },
      );
    }
    if (revocation) {
      throw new UnavailableError(
        'LEADER_CERTIFICATE_STATUS_UNKNOWN',
        `Không kiểm tra được tình trạng thu hồi chứng thư số của ${who} (OCSP/CRL): chưa thể ký, vui lòng thử lại sau.`,
        { checks: failed },
      );
    }
    if (failed.length > 0) {
      throw new ForbiddenError(
        'LEADER_CERTIFICATE_UNUSABLE',
        `Chứng thư số của ${who} không dùng được để ký: ${failed.map((f) => f.message).join('; ')}`,
        { checks: failed },
      );
    }
    const { jws } = await signJades(canonicalJson(signedContent(report)), {
      device,
      authorization: context?.authorization,
      tsa: this.tsa,
      signingTime: at,
      contentType: APPROVAL_CONTENT_TYPE,
    });
    return { signature: JSON.stringify(jws), signer: subjectOf(chain[0]!) };
  }

  async verify(report: ApprovedReport, signature: string): Promise<boolean> {
    if (!signature.trimStart().startsWith('{')) return this.legacy.verify(report, signature);
    const details = await describeApproval(signature, this.trust, canonicalJson(signedContent(report)), new Date(report.approvedAt));
    return details.ok;
  }
}

/**
 * Every check of an approval signature, for display and decisions: JWS signature, signing
 * certificate digest, sigT, time stamp (B-T), payload = the report, then `certificateChecks`
 * at the time stamp's time (proof of existence), else at `fallbackAt`.
 */
export async function describeApproval(
  signature: string,
  trust: TrustStore,
  expectedPayload: string | undefined,
  fallbackAt: Date,
): Promise<ApprovalDetails> {
  const jws = parseJades(signature);
  const v = await verifyJadesSignature(jws, trust);
  const checks = [...v.checks];
  if (expectedPayload !== undefined) {
    const same = v.payload === expectedPayload;
    checks.push({
      check: 'content',
      ok: same,
      message: same ? 'signed content is the approved report' : 'signed content differs from the approved report',
    });
  }
  const leaf = v.chain[0];
  if (!leaf)
    return {
      ok: false,
      format: 'JAdES',
      signer: { name: '', subject: '' },
      certificate: { serialNumber: '', issuer: '', notBefore: '', notAfter: '', chain: [] },
      checks,
    };
  const at = v.timestamp?.genTime ?? v.signingTime ?? fallbackAt;
  checks.push(...(await certificateChecks(trust, v.chain, Number.isNaN(at.getTime()) ? new Date() : at)));
  return {
    ok: checks.every((c) => c.ok),
    format: 'JAdES',
    level: v.level,
    signer: signerOf(leaf),
    certificate: {
      serialNumber: leaf.serialNumber,
      issuer: v.chain[1] ? subjectOf(v.chain[1]) : '',
      chain: v.chain.map(certificateToDerBase64),
      notBefore: leaf.validity.notBefore.toISOString(),
      notAfter: leaf.validity.notAfter.toISOString(),
    },
    signingTime: v.signingTime?.toISOString(),
    timestamp: v.timestamp
      ? { genTime: v.timestamp.genTime.toISOString(), tsa: v.timestamp.tsa, serialNumber: v.timestamp.serialNumber }
      : undefined,
    checks,
  };
}
