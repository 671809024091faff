import type { ReportPeriod } from '../../core/approved-report.js';

/** The 13 packet types of QCVN 125:2021/BTTTT, as named in our profile (contracts/national/v1/). */
export const PACKET_TYPES = [
  'report-regime',
  'report-form',
  'outline-form',
  'report-data',
  'list-report-data',
  'outline-submission',
  'report-status',
  'period-catalog',
  'indicator-catalog',
  'kpi-set',
  'kpi-group-catalog',
  'kpi-disaggregation-catalog',
  'kpi-data',
] as const;
export type PacketType = (typeof PACKET_TYPES)[number];

export const PROFILE = 'lienthong-qcvn125';
export const PROFILE_VERSION = '1.0';
/** Profile v2: v1 plus the leaders' JAdES approvals (report-data, outline-submission only). */
export const PROFILE_VERSION_2 = '2.0';
export const V2_TYPES: readonly PacketType[] = ['report-data', 'outline-submission'];

export function packetSchemaId(type: PacketType, profileVersion: string = PROFILE_VERSION): string {
  const v = profileVersion === PROFILE_VERSION_2 && V2_TYPES.includes(type) ? 'v2' : 'v1';
  return `https://lienthong.gov.vn/contracts/national/${v}/${type}.schema.json`;
}

/** One leader's approval inside a v2 packet. */
export interface PacketApproval {
  role: 'approval' | 'source';
  submissionId: string;
  version: number;
  orgCode: string;
  jades: { payload: string; protected: string; signature: string; header?: { etsiU?: string[] } };
}

export function isPacketType(x: unknown): x is PacketType {
  return typeof x === 'string' && (PACKET_TYPES as readonly string[]).includes(x);
}

export interface OrgRef {
  orgCode: string;
  name: string;
}

export interface NationalPeriod {
  kind: string;
  year: number;
  index?: number;
  key: string;
  from: string;
  to: string;
}

/** The JSON object a packet body canonicalises. */
export interface NationalPacket {
  profile: typeof PROFILE;
  profileVersion: typeof PROFILE_VERSION | typeof PROFILE_VERSION_2;
  packetType: PacketType;
  packetId: string;
  sender: OrgRef;
  receiver: OrgRef;
  mappingVersion: string;
  payload: Record<string, unknown>;
  /** v2 only. */
  approvals?: PacketApproval[];
}

export type { ReportPeriod };
