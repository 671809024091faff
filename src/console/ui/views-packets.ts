// Gói tin: every packet sent to the national system, by QCVN 125 type (13), then the latest ones.
import type { ApiSchema } from '../../shared/api-client.js';
import { api } from './api.js';
import { badge, stateBadge } from './badges.js';
import { fmtTime, h, section, table } from './dom.js';
import { CHANNEL, PACKET_TYPE } from './labels.js';
import type { View } from './view.js';

/** Packets read for the page (newest first); the summary says when there are more. */
const LIMIT = 1000;
const LATEST = 60;

type Packet = ApiSchema<'api.console.packet'>;

/** What a packet is about: a report (form · period), a catalog, KPI data of a source and period. */
function subject(p: Packet): string {
  if (p.formCode) return `${p.formCode} · ${p.periodKey ?? ''}`;
  return p.subjectId ?? '—';
}

function typeRows(packets: Packet[]): HTMLTableRowElement[] {
  const byType = new Map<string, Packet[]>(Object.keys(PACKET_TYPE).map((t) => [t, []]));
  for (const p of packets) {
    const list = byType.get(p.packetType) ?? [];
    byType.set(p.packetType, list);
    list.push(p);
  }
  return [...byType.entries()].map(([type, list]) => {
    const acknowledged = list.filter((p) => p.state === 'acknowledged').length;
    const last = list.reduce((at, p) => (p.updatedAt > at ? p.updatedAt : at), '');
    return h(
      'tr',
      { 'data-type': type, 'data-count': list.length, 'data-acknowledged': acknowledged },
      h('td', {}, PACKET_TYPE[type] ?? type),
      h('td', {}, h('code', {}, type)),
      h('td', { class: 'num' }, list.length),
      h('td', { class: 'num' }, acknowledged ? badge(String(acknowledged), 'ok') : badge('0', list.length ? 'warn' : 'info')),
      h('td', {}, last ? fmtTime(last) : 'Chưa gửi'),
    );
  });
}

export const packets: View = async () => {
  const { packets: list, nextCursor } = await api.get('/api/v1/console/packets', { params: { query: { limit: LIMIT } } });
  const types = new Set(list.map((p) => p.packetType));
  const known = Object.keys(PACKET_TYPE).filter((t) => types.has(t)).length;
  const latest = list
    .slice(0, LATEST)
    .map((p) =>
      h(
        'tr',
        { 'data-packet': p.packetId, 'data-type': p.packetType },
        h('td', {}, fmtTime(p.updatedAt)),
        h('td', {}, PACKET_TYPE[p.packetType] ?? p.packetType),
        h('td', {}, subject(p)),
        h('td', {}, p.orgUnitName),
        h('td', {}, CHANNEL[p.channel] ?? p.channel),
        h('td', {}, stateBadge(p.state)),
      ),
    );
  return [
    section(
      'Gói tin theo loại (QCVN 125)',
      h(
        'p',
        { class: 'hint', id: 'packet-type-summary' },
        `${known}/${Object.keys(PACKET_TYPE).length} loại gói tin đã gửi lên Hệ thống thông tin báo cáo Chính phủ`,
        nextCursor ? ` (trong ${list.length} gói tin mới nhất)` : '',
      ),
      table(['Loại gói tin', 'Mã', 'Số gói tin', 'Đã xác nhận', 'Cập nhật gần nhất'], typeRows(list)),
    ),
    section('Gói tin gần đây', table(['Cập nhật', 'Loại', 'Nội dung', 'Đơn vị', 'Kênh', 'Trạng thái'], latest, 'Chưa có gói tin nào')),
  ];
};
