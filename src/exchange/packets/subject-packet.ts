import type { OutboundPacket, PacketSubject } from '../../delivery/channel.js';
import { assertContract } from '../../shared/contracts.js';
import type { SigningCredentials } from '../pki/credentials.js';
import { signDetached } from '../signing/jws.js';
import { canonicalJson } from './canonical.js';
import { idempotencyKeyFor, packetIdFor } from './ids.js';
import { PROFILE, PROFILE_VERSION, packetSchemaId, type NationalPacket, type OrgRef, type PacketType } from './types.js';

/** Văn phòng Chính phủ, the operator of the national reporting system (QCVN 102 example code). */
export const NATIONAL_RECEIVER: OrgRef = { orgCode: '000.00.00.G22', name: 'Văn phòng Chính phủ' };

/** One packet that is not (necessarily) a report: what it is about and what it carries. */
export interface SubjectPacketInput {
  packetType: PacketType;
  subject: PacketSubject;
  /**
   * Distinguishes packets of the same type about the same subject version (e.g. report-status
   * THU_HOI vs DINH_CHINH); part of the deterministic packetId and Idempotency-Key.
   */
  discriminator?: string;
  sender: OrgRef;
  receiver?: OrgRef;
  mappingVersion: string;
  payload: Record<string, unknown>;
  title: string;
  submissionId?: string;
  deadline?: string;
}

function idParts(input: SubjectPacketInput): [string, number, string] {
  const type = input.discriminator ? `${input.packetType}:${input.discriminator}` : input.packetType;
  return [`${input.subject.kind}:${input.subject.id}`, input.subject.version, type];
}

/** The unsigned envelope (deterministic packetId from subject + version + type). */
export function subjectEnvelope(input: SubjectPacketInput): NationalPacket {
  return {
    profile: PROFILE,
    profileVersion: PROFILE_VERSION,
    packetType: input.packetType,
    packetId: packetIdFor(...idParts(input)),
    sender: input.sender,
    receiver: input.receiver ?? NATIONAL_RECEIVER,
    mappingVersion: input.mappingVersion,
    payload: input.payload,
  };
}

/**
 * Validates against the packet type's contract (PACKET_SCHEMA_INVALID names the field, nothing
 * is signed), canonicalises (RFC 8785) and signs (detached JWS), like report packets.
 */
export async function sealSubjectPacket(input: SubjectPacketInput, credentials: SigningCredentials): Promise<OutboundPacket> {
  const packet = subjectEnvelope(input);
  assertContract(packetSchemaId(packet.packetType), packet, 'PACKET_SCHEMA_INVALID');
  const body = canonicalJson(packet);
  return {
    packetId: packet.packetId,
    idempotencyKey: idempotencyKeyFor(...idParts(input)),
    packetType: packet.packetType,
    ...(input.submissionId ? { submissionId: input.submissionId } : {}),
    subject: input.subject,
    body,
    signature: await signDetached(body, credentials),
    title: input.title,
    ...(input.deadline ? { deadline: input.deadline } : {}),
  };
}
