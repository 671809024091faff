import type {
  CircuitView,
  DeliveryAttemptView,
  DeliveryErrorView,
  DeliveryServices,
  PacketFilter,
  PacketPage,
  PacketState,
  PacketView,
  ReplayResult,
  SummaryFilter,
  SyncSummary,
} from '../../../src/delivery/services.js';
import { PACKET_STATES } from '../../../src/delivery/services.js';
import { currentCorrelationId } from '../../../src/shared/logger.js';

/** Worst first: the state a report shows when its packets disagree. */
const SEVERITY: PacketState[] = ['dead', 'rejected', 'sending', 'queued', 'sent_via_fallback', 'delivered', 'reconciled', 'acknowledged'];

/**
 * In-memory stand-in for the delivery engine (test only), implementing the committed
 * `DeliveryServices` port with real state changes so console tests observe behaviour.
 */
export class MemoryDelivery implements DeliveryServices {
  packets: PacketView[] = [];
  history = new Map<string, DeliveryAttemptView[]>();
  circuitStates: CircuitView[] = [
    { channel: 'national', state: 'closed', failingSince: null },
    { channel: 'edoc', state: 'closed', failingSince: null },
  ];
  depths: Record<string, number> = { national: 0, edoc: 0 };
  replays: { ids: string[]; actor: string; correlationId: string | undefined }[] = [];

  add(p: Partial<PacketView> & { packetId: string; state: PacketState }): PacketView {
    const at = '2027-01-20T03:00:00.000Z';
    const packet: PacketView = {
      submissionId: `sub-${p.packetId}`,
      packetType: 'report_data',
      orgUnitId: 'so-tc',
      periodKey: '2027-M01',
      formCode: 'BM01',
      channel: 'national',
      attempts: 1,
      lastErrorCode: null,
      lastErrorMessage: null,
      remoteId: null,
      createdAt: at,
      updatedAt: at,
      ...p,
    };
    this.packets.push(packet);
    if (packet.lastErrorCode) {
      this.history.set(packet.packetId, [
        {
          attempt: packet.attempts,
          channel: packet.channel,
          at,
          outcome: 'failed',
          errorCode: packet.lastErrorCode,
          errorMessage: packet.lastErrorMessage,
          durationMs: 12,
          correlationId: 'corr-1',
        },
      ]);
    }
    return packet;
  }

  async summary(filter: SummaryFilter = {}): Promise<SyncSummary> {
    const packets = this.packets.filter(
      (p) =>
        (!filter.periodKey || p.periodKey === filter.periodKey) && (!filter.orgUnitIds || filter.orgUnitIds.includes(p.orgUnitId ?? '')),
    );
    const byState = Object.fromEntries(PACKET_STATES.map((s) => [s, 0])) as Record<PacketState, number>;
    const byChannel: SyncSummary['byChannel'] = {};
    const reports = new Map<string, SyncSummary['reports'][number]>();
    for (const p of packets) {
      byState[p.state] += 1;
      const ch = (byChannel[p.channel] ??= {});
      ch[p.state] = (ch[p.state] ?? 0) + 1;
      if (!p.submissionId || !p.orgUnitId || !p.periodKey || !p.formCode) continue;
      const prev = reports.get(p.submissionId);
      if (!prev || SEVERITY.indexOf(p.state) < SEVERITY.indexOf(prev.state)) {
        reports.set(p.submissionId, {
          periodKey: p.periodKey,
          orgUnitId: p.orgUnitId,
          formCode: p.formCode,
          submissionId: p.submissionId,
          state: p.state,
          channel: p.channel,
        });
      }
    }
    // One page, as the store's keyset list gives it (the cursor here only says "more").
    const all = [...reports.values()];
    const limit = filter.reportsLimit ?? 100;
    return { byState, byChannel, reports: all.slice(0, limit), reportsNextCursor: all.length > limit ? String(limit) : null };
  }

  async listPackets(f: PacketFilter): Promise<PacketView[]> {
    return this.packets
      .filter(
        (p) =>
          (!f.state || p.state === f.state) &&
          (f.state || !f.states || f.states.includes(p.state)) &&
          (!f.channel || p.channel === f.channel) &&
          (!f.orgUnitIds || f.orgUnitIds.includes(p.orgUnitId ?? '')) &&
          (!f.periodKey || p.periodKey === f.periodKey) &&
          (!f.orgUnitId || p.orgUnitId === f.orgUnitId) &&
          (!f.submissionId || p.submissionId === f.submissionId),
      )
      .slice(0, f.limit ?? 100);
  }

  async pagePackets(f: PacketFilter): Promise<PacketPage> {
    return { packets: await this.listPackets(f), nextCursor: null };
  }

  async packet(id: string) {
    const p = this.packets.find((x) => x.packetId === id);
    return p ? { ...p, history: this.history.get(id) ?? [] } : null;
  }

  async replay(ids: string[], actor: string): Promise<ReplayResult> {
    this.replays.push({ ids, actor, correlationId: currentCorrelationId() });
    const result: ReplayResult = { requeued: [], skipped: [] };
    for (const id of ids) {
      const p = this.packets.find((x) => x.packetId === id);
      if (!p) result.skipped.push({ packetId: id, reason: 'unknown' });
      else if (p.state !== 'dead' && p.state !== 'rejected')
        result.skipped.push({ packetId: id, reason: `not re-runnable in state ${p.state}` });
      else {
        p.state = 'queued';
        p.attempts = 0;
        result.requeued.push(id);
      }
    }
    return result;
  }

  circuits(): CircuitView[] {
    return this.circuitStates;
  }

  async queueDepths(): Promise<Record<string, number>> {
    return { ...this.depths };
  }

  async recentErrors(limit = 50): Promise<DeliveryErrorView[]> {
    return this.packets
      .filter((p) => p.lastErrorCode)
      .map((p) => ({
        at: p.updatedAt,
        packetId: p.packetId,
        channel: p.channel,
        code: p.lastErrorCode!,
        message: p.lastErrorMessage ?? '',
      }))
      .slice(0, limit);
  }
}
