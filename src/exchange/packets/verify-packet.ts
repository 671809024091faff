import { describeErrors, getValidator } from '../../shared/contracts.js';
import { certificateChecks, type CheckResult, type TrustStore } from '../pki/trust.js';
import { verifyCmsDetached } from '../signing/cms.js';
import { verifySignature } from '../signing/verify.js';
import { canonicalJson } from './canonical.js';
import { isPacketType, packetSchemaId } from './types.js';

export interface PacketVerification {
  ok: boolean;
  /** schema, canonical, signature, chain, validity, keyUsage: in that order, each with why. */
  checks: CheckResult[];
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
  const validate = getValidator(packetSchemaId(type));
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

interface SignedAttachment { name: string; contentBase64?: string; cms?: string }

/** Attachments carrying a detached CMS: content digest, signature, and the CMS signer's chain/validity/key usage. */
async function attachmentCheck(packet: Record<string, unknown> | undefined, trust: TrustStore, at: Date): Promise<CheckResult | undefined> {
  const list = (packet?.payload as { attachments?: SignedAttachment[] } | undefined)?.attachments ?? [];
  const signed = list.filter((a) => a.cms);
  if (signed.length === 0) return undefined;
  for (const a of signed) {
    if (!a.contentBase64) return { check: 'attachments', ok: false, message: `${a.name}: CMS present but the content is not in the packet` };
    const v = verifyCmsDetached(a.cms!, Buffer.from(a.contentBase64, 'base64'));
    const failed = v.ok ? (await certificateChecks(trust, v.chain, at)).find((c) => !c.ok) : undefined;
    if (!v.ok || failed) return { check: 'attachments', ok: false, message: `${a.name}: ${failed ? `${failed.check}: ${failed.message}` : v.message}` };
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
  return {
    ok: checks.every((c) => c.ok),
    checks,
    ...(packet ? { packetType: String(packet.packetType), packetId: String(packet.packetId) } : {}),
    ...(sig.signer ? { signer: sig.signer } : {}),
  };
}
