import { describeErrors, getValidator } from '../../shared/contracts.js';
import { certificateChecks, type CheckResult, type TrustStore } from '../pki/trust.js';
import { verifyCmsDetached } from '../signing/cms.js';
import { verifySignature } from '../signing/verify.js';
import { canonicalJson } from './canonical.js';
import { isPacketType, packetSchemaId, type PacketApproval } from './types.js';
import { describeApproval, type ApprovalDetails } from '../signing/approval-signer.js';

export interface PacketVerification {
  ok: boolean;
  /** schema, canonical, signature, chain, validity, keyUsage: in that order, each with why. */
  checks: CheckResult[];
  /** Profile v2: each leader's approval (signer, certificate, time stamp, checks). */
  approvals?: (ApprovalDetails & { role: string; submissionId: string })[];
  packetType?: string;
  packetId?: string;
  signer?: string;
}

function schemaCheck(body: string): { check: CheckResult; packet?: Record<string, unknown> } {
  let packet: unknown;
  try {
    packet = JSON.parse(body);
  } catch (err) {
    return { check: { check: 'schema', ok: false, message: `body is not JSON: ${(err as Error).message}` } };
  }
  const type = (packet as { packetType?: unknown } | null)?.packetType;
  if (!isPacketType(type)) return { check: { check: 'schema', ok: false, message: `unknown packetType ${JSON.stringify(type)}` } };
  const validate = getValidator(packetSchemaId(type, String((packet as { profileVersion?: unknown }).profileVersion)));
  if (!validate(packet)) {
    const v = describeErrors(validate.errors);
    return { check: { check: 'schema', ok: false, message: v.map((e) => `${e.field} ${e.message}`).join('; ') } };
  }
  return { check: { check: 'schema', ok: true, message: `valid ${type} (profile v1)` }, packet: packet as Record<string, unknown> };
}

function canonicalCheck(packet: Record<string, unknown>, body: string): CheckResult {
  try {
    const ok = canonicalJson(packet) === body;
    return { check: 'canonical', ok, message: ok ? 'RFC 8785 canonical JSON' : 'body is not in RFC 8785 canonical form' };
  } catch (err) {
    // e.g. a lone surrogate (\ud800): no canonical form exists.
    return { check: 'canonical', ok: false, message: `no RFC 8785 form: ${(err as Error).message}` };
  }
}

interface SignedAttachment {
  name: string;
  contentBase64?: string;
  cms?: string;
}

/** Attachments carrying a detached CMS: content digest, signature, and the CMS signer's chain/validity/key usage. */
async function attachmentCheck(packet: Record<string, unknown> | undefined, trust: TrustStore, at: Date): Promise<CheckResult | undefined> {
  const list = (packet?.payload as { attachments?: SignedAttachment[] } | undefined)?.attachments ?? [];
  const signed = list.filter((a) => a.cms);
  if (signed.length === 0) return undefined;
  for (const a of signed) {
    if (!a.contentBase64)
      return { check: 'attachments', ok: false, message: `${a.name}: CMS present but the content is not in the packet` };
    const v = verifyCmsDetached(a.cms!, Buffer.from(a.contentBase64, 'base64'));
    const failed = v.ok ? (await certificateChecks(trust, v.chain, at)).find((c) => !c.ok) : undefined;
    if (!v.ok || failed)
      return { check: 'attachments', ok: false, message: `${a.name}: ${failed ? `${failed.check}: ${failed.message}` : v.message}` };
  }
  return { check: 'attachments', ok: true, message: `${signed.length} attachment(s) with valid CMS signatures` };
}

/**
 * Everything a receiver checks on a packet: contract, canonical form (the bytes signed must be
 * the RFC 8785 form), signature, chain to the configured anchors, validity at `at`, key usage.
 * Never throws on bad input: every check reports ok or why not.
 */
export async function verifyPacket(body: string, signature: string, trust: TrustStore, at: Date): Promise<PacketVerification> {
  const { check, packet } = schemaCheck(body);
  const checks: CheckResult[] = [check];
  if (packet) {
    checks.push(canonicalCheck(packet, body));
  }
  const sig = await verifySignature(body, signature, trust, at);
  checks.push(...sig.checks);
  const attachments = await attachmentCheck(packet, trust, at);
  if (attachments) checks.push(attachments);
  const approvals = packet?.profileVersion === '2.0' ? await approvalDetails(packet, trust, at) : undefined;
  if (approvals) {
    const bad = approvals.filter((a) => !a.ok);
    checks.push({
      check: 'approvals',
      ok: approvals.length > 0 && bad.length === 0,
      message:
        bad.length === 0
          ? approvals
              .map(
                (a) =>
                  `${a.role === 'approval' ? 'phê duyệt' : 'báo cáo nguồn'}: ${a.signer.name}${a.signer.title ? `, ${a.signer.title}` : ''}${a.signer.unit ? `, ${a.signer.unit}` : ''} (${a.level}, ${a.timestamp?.genTime ?? a.signingTime})`,
              )
              .join('; ')
          : bad
              .map(
                (a) =>
                  `${a.submissionId}: ${a.checks
                    .filter((c) => !c.ok)
                    .map((c) => `${c.check}: ${c.message}`)
                    .join(', ')}`,
              )
              .join('; '),
    });
  }
  return {
    ...(approvals ? { approvals } : {}),
    ok: checks.every((c) => c.ok),
    checks,
    ...(packet ? { packetType: String(packet.packetType), packetId: String(packet.packetId) } : {}),
    ...(sig.signer ? { signer: sig.signer } : {}),
  };
}

/** Each JAdES approval of a v2 packet through the same checks as the clerk's (describeApproval). */
async function approvalDetails(
  packet: Record<string, unknown>,
  trust: TrustStore,
  at: Date,
): Promise<(ApprovalDetails & { role: string; submissionId: string })[]> {
  const list = (packet.approvals ?? []) as PacketApproval[];
  return Promise.all(
    list.map(async (a) => {
      try {
        return { role: a.role, submissionId: a.submissionId, ...(await describeApproval(JSON.stringify(a.jades), trust, undefined, at)) };
      } catch (err) {
        return {
          role: a.role,
          submissionId: a.submissionId,
          ok: false,
          format: 'JAdES' as const,
          signer: { name: '', subject: '' },
          certificate: { serialNumber: '', issuer: '', notBefore: '', notAfter: '', chain: [] },
          checks: [{ check: 'signature', ok: false, message: (err as Error).message }],
        };
      }
    }),
  );
}
