/**
 * What the delivery engine publishes on `ctx.services.delivery` for the ops console and the
 * CLI (`lienthong status`, `lienthong replay`). The console and the CLI see only this.
 */
export type PacketState = 'queued' | 'sending' | 'delivered' | 'acknowledged' | 'rejected' | 'dead' | 'sent_via_fallback' | 'reconciled';

export const PACKET_STATES: readonly PacketState[] = [
  'queued',
  'sending',
  'delivered',
  'acknowledged',
  'rejected',
  'dead',
  'sent_via_fallback',
  'reconciled',
];

export interface PacketFilter {
  state?: PacketState;
  channel?: string;
  periodKey?: string;
  orgUnitId?: string;
  submissionId?: string;
  /** Several states at once (dead letters: dead + rejected); `state` wins when both are given. */
  states?: PacketState[];
  /** Only these units (a leader's subtree), read in SQL. */
  orgUnitIds?: string[];
  limit?: number;
  /** Keyset cursor from the previous page's `nextCursor`. */
  cursor?: string;
}

export interface PacketPage {
  packets: PacketView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface SummaryFilter {
  periodKey?: string;
  /** Only these units (a leader's subtree). */
  orgUnitIds?: string[];
  /** Reports per page (default 100, at most 1000), newest first. */
  reportsLimit?: number;
  reportsCursor?: string;
}

/** One packet as ops see it: which report, where it is, why it is stuck. */
export interface PacketView {
  packetId: string;
  /** What the packet is about: report, status (of a report), catalog, kpi. */
  subjectKind?: string;
  subjectId?: string;
  /** Null for packets that are not about a report (catalogs, KPI data). */
  submissionId: string | null;
  packetType: string;
  orgUnitId: string | null;
  periodKey: string | null;
  formCode: string | null;
  /** Channel of the last attempt: national (primary) or edoc (fallback). */
  channel: string;
  state: PacketState;
  attempts: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  remoteId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryAttemptView {
  attempt: number;
  channel: string;
  at: string;
  outcome: 'ok' | 'retry' | 'failed';
  errorCode: string | null;
  errorMessage: string | null;
  durationMs: number;
  correlationId: string | null;
}

export interface SyncSummary {
  /** Packet counts per state. */
  byState: Record<PacketState, number>;
  /** Per channel (national, edoc, ...), counts per state. */
  byChannel: Record<string, Partial<Record<PacketState, number>>>;
  /** One page of reports (newest first): the worst state of each report's national packets. */
  reports: { periodKey: string; orgUnitId: string; formCode: string; submissionId: string; state: PacketState; channel: string }[];
  /** Cursor of the next page of reports; null when this page is the last. */
  reportsNextCursor?: string | null;
}

export interface CircuitView {
  channel: string;
  state: 'closed' | 'open' | 'half_open';
  /** When the channel started failing (ISO), if it is failing. */
  failingSince: string | null;
}

export interface DeliveryErrorView {
  at: string;
  packetId: string;
  channel: string;
  code: string;
  message: string;
}

export interface ReplayResult {
  /** Packets put back in the queue. */
  requeued: string[];
  /** Packets not re-run, with the reason (e.g. not dead, unknown). */
  skipped: { packetId: string; reason: string }[];
}

/** Operational monitoring (X-Road opmonitoring): a time range, keyset-paged. */
export interface OperationalQuery {
  from: Date;
  to: Date;
  limit: number;
  cursor?: string;
}

export interface OperationalRecord {
  id: string;
  requestAt: string;
  responseAt: string;
  durationMs: number;
  packetId: string;
  packetType: string;
  attempt: number;
  channel: string;
  outcome: 'ok' | 'retry' | 'failed';
  succeeded: boolean;
  errorCode: string | null;
  orgUnitId: string | null;
  periodKey: string | null;
  formCode: string | null;
  requestSize: number;
  correlationId: string | null;
}

export interface OperationalPage {
  records: OperationalRecord[];
  nextCursor: string | null;
}

export interface LatencyBucket {
  at: string;
  channel: string;
  count: number;
  meanMs: number;
  p95Ms: number;
}

export interface DeliveryServices {
  summary(filter?: SummaryFilter): Promise<SyncSummary>;
  listPackets(filter: PacketFilter): Promise<PacketView[]>;
  /** listPackets with the keyset cursor of the next page. */
  pagePackets(filter: PacketFilter): Promise<PacketPage>;
  packet(packetId: string): Promise<(PacketView & { history: DeliveryAttemptView[] }) | null>;
  /** Re-runs dead or rejected packets (single or bulk); audited under `actor`. */
  replay(packetIds: string[], actor: string): Promise<ReplayResult>;
  circuits(): CircuitView[];
  queueDepths(): Promise<Record<string, number>>;
  recentErrors(limit?: number): Promise<DeliveryErrorView[]>;
  /** One record per exchange attempt in [from, to), for the IOC and the console's charts. */
  operationalData?(query: OperationalQuery): Promise<OperationalPage>;
  latency?(query: { from: Date; to: Date; bucketMs: number }): Promise<LatencyBucket[]>;
}
