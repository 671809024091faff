import { actionFor, CHANNEL, errorReason } from '../console/labels-vi.js';
import type { DeliveryServices, PacketView } from '../delivery/services.js';
import type { NotificationEvent } from './notifier.js';
import type { NotificationRule } from './rules.js';

/** Vietnamese names of channels in notification texts (the console's label table). */
const channelVi = (c: string) => CHANNEL[c] ?? c;

function packetLine(p: PacketView): string {
  const what = [p.formCode, p.periodKey, p.orgUnitId].filter(Boolean).join(' · ');
  return `Gói tin ${p.packetId} (${p.packetType}${what ? `, ${what}` : ''})`;
}

/**
 * Turns what the delivery engine reports into events: every dead or refused packet, every use
 * of the fallback, every circuit that opened (keyed by when it started failing), and a backlog
 * older than each rule's minutes (one event per episode: until the backlog is young again).
 * Dedupe keys make a repeated look harmless; the notifier records each notification once.
 */
export class DeliveryWatcher {
  private backlogEpisode = new Map<string, string>();

  constructor(
    private readonly delivery: DeliveryServices,
    private readonly rules: NotificationRule[],
    private readonly now: () => Date,
  ) {}

  async events(): Promise<NotificationEvent[]> {
    const events: NotificationEvent[] = [];
    for (const p of await this.delivery.listPackets({ states: ['dead', 'rejected'], limit: 200 })) {
      const refused = p.state === 'rejected';
      events.push({
        type: 'packet.dead',
        key: `${p.packetId}@${p.updatedAt}`,
        orgUnitId: p.orgUnitId,
        subject: `[Liên thông] ${refused ? 'Gói tin bị từ chối' : 'Thư chết'}: ${p.packetId}`,
        text: [
          `${packetLine(p)} ${refused ? 'bị hệ thống nhận từ chối' : 'đã hết số lần gửi lại'} sau ${p.attempts} lần gửi.`,
          `Lý do: ${errorReason(p.lastErrorCode, p.lastErrorMessage)} (mã lỗi ${p.lastErrorCode ?? 'không rõ'}).`,
          `Việc cần làm: ${actionFor(p.state, p.lastErrorCode)}`,
          'Xem chi tiết trong bảng điều khiển vận hành, mục "Thư chết".',
        ].join('\n'),
        data: { packetId: p.packetId, state: p.state, attempts: p.attempts, errorCode: p.lastErrorCode, channel: p.channel },
      });
    }
    for (const p of await this.delivery.listPackets({ state: 'sent_via_fallback', limit: 200 })) {
      events.push({
        type: 'fallback.used',
        key: p.packetId,
        orgUnitId: p.orgUnitId,
        subject: `[Liên thông] Gửi qua kênh dự phòng: ${p.packetId}`,
        text: `${packetLine(p)} đã được gửi qua ${channelVi('edoc')} vì kênh chính không sẵn sàng; sẽ đối soát khi kênh chính hoạt động lại.`,
        data: { packetId: p.packetId, channel: p.channel },
      });
    }
    for (const c of this.delivery.circuits().filter((c) => c.state === 'open')) {
      events.push({
        type: 'circuit.open',
        key: `${c.channel}@${c.failingSince ?? 'open'}`,
        subject: `[Liên thông] Cầu dao mở: ${channelVi(c.channel)}`,
        text: `Cầu dao của kênh ${channelVi(c.channel)} đang mở (ngắt kết nối)${c.failingSince ? `, lỗi từ ${c.failingSince}` : ''}. Gói tin chờ trong hàng đợi hoặc đi kênh dự phòng.`,
        data: { channel: c.channel, failingSince: c.failingSince },
      });
    }
    events.push(...(await this.backlog()));
    return events;
  }

  private async backlog(): Promise<NotificationEvent[]> {
    const rules = this.rules.filter((r) => r.event === 'backlog.aged');
    if (rules.length === 0) return [];
    const queued = await this.delivery.listPackets({ state: 'queued', limit: 1000 });
    const oldest = queued.reduce<PacketView | undefined>((o, p) => (!o || p.createdAt < o.createdAt ? p : o), undefined);
    const events: NotificationEvent[] = [];
    for (const rule of rules) {
      const minutes = rule.minutes ?? 30;
      const ageMin = oldest ? (this.now().getTime() - new Date(oldest.createdAt).getTime()) / 60_000 : 0;
      if (!oldest || ageMin < minutes) {
        this.backlogEpisode.delete(rule.id);
        continue;
      }
      const episode = this.backlogEpisode.get(rule.id) ?? oldest.packetId;
      this.backlogEpisode.set(rule.id, episode);
      const aged = queued.filter((p) => this.now().getTime() - new Date(p.createdAt).getTime() >= minutes * 60_000).length;
      events.push({
        type: 'backlog.aged',
        ruleId: rule.id,
        key: `backlog@${episode}`,
        subject: `[Liên thông] Hàng đợi tồn quá ${minutes} phút`,
        text: `${aged} gói tin chờ gửi quá ${minutes} phút; gói cũ nhất (${oldest.packetId}) chờ ${Math.floor(ageMin)} phút. Kiểm tra kênh gửi và cầu dao trong bảng điều khiển vận hành.`,
        data: { queuedOlder: aged, oldestPacketId: oldest.packetId, oldestAgeMinutes: Math.floor(ageMin), minutes },
      });
    }
    return events;
  }
}
