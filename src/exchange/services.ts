import type { ApprovedReport } from '../core/approved-report.js';
import type { ReportSigner } from '../core/submissions/ports.js';
import type { OutboundPacket } from '../delivery/channel.js';
import type { MappingRegistry } from './mapping/loader.js';
import type { ReportStatusInput } from './packets/status-packet.js';
import type { SubjectPacketInput } from './packets/subject-packet.js';
import type { PacketVerification } from './packets/verify-packet.js';
import type { TrustStore } from './pki/trust.js';
import type { OrgRef } from './packets/types.js';
import type { RevocationChecker } from './pki/revocation.js';
import type { ApprovalDetails } from './signing/approval-signer.js';
import type { TimeStampAuthority } from './timestamp/tsa-client.js';

/** `ctx.services.exchange`: what the exchange area offers later modules (docs/exchange.md). */
export interface ExchangeServices {
  /** The leader's signature over the frozen approved report; submissions picks it up at approval. */
  reportSigner: ReportSigner;
  /**
   * Approved report → mapped, contract-validated, signed national packets. Pure CPU (no I/O),
   * deterministic ids and Idempotency-Key per submission + version + packet type; [] when the
   * report holds only province-only indicators. Throws REPORT_STATE_SECRET, MAPPING_MISSING,
   * UNIT_INCOMPATIBLE or PACKET_SCHEMA_INVALID (naming the field): such a packet is never sent.
   */
  buildPackets(report: ApprovedReport): Promise<OutboundPacket[]>;
  /** A report-status packet (recall, correction, acknowledgement), signed; mapping version filled in. */
  buildReportStatus(input: Omit<ReportStatusInput, 'mappingVersion'>): Promise<OutboundPacket>;
  /** Any packet type about its own subject (catalogs, KPI data): validated, canonical, signed. */
  sealPacket(input: Omit<SubjectPacketInput, 'mappingVersion'> & { mappingVersion?: string }): Promise<OutboundPacket>;
  /** Schema, canonical form, signature, chain to TRUST_ANCHORS, validity (now), key usage. */
  verifyPacket(body: string, signature: string): Promise<PacketVerification>;
  /** Signer, certificate, validity, signing time, time stamp and every check of an approval (clerk's page, packet verify). */
  describeApproval(signature: string, report?: ApprovedReport): Promise<ApprovalDetails>;
  /** RFC 3161 client (TSA_URL or the tsa simulator): exchange time-stamps the message-log chain head with it. */
  timestampAuthority: TimeStampAuthority | undefined;
  /** OCSP/CRL checker behind every certificateChecks. */
  revocation: RevocationChecker;
  mappings: MappingRegistry;
  trust: TrustStore;
  /** Anchors of the national system's signed receipts and callbacks (NATIONAL_RECEIPT_TRUST, default TRUST_ANCHORS). */
  receiptTrust: TrustStore;
  /** Subject of the certificate signing packets. */
  packetSigner: string;
  /** The province as sender of its own packets (catalogs, KPI data): the signing certificate's UID and CN. */
  sender: OrgRef;
}
