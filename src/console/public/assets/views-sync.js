// Tổng quan đồng bộ, Hàng đợi, Cầu dao, Lỗi gần đây.
import { api, query } from './api.js';
import { fmtTime, h, section, table } from './dom.js';
import { CHANNEL, CIRCUIT, CIRCUIT_TONE, PACKET_STATE, QUEUE, STATE_TONE, routeBadge } from './labels.js';

const SEVERITY = ['dead', 'rejected', 'queued', 'sending', 'sent_via_fallback', 'delivered', 'reconciled', 'acknowledged'];

export const badge = (text, tone) => h('span', { class: `badge ${tone}` }, text);
export const stateBadge = (state) => badge(PACKET_STATE[state] ?? state, STATE_TONE[state] ?? 'info');

function stateCards(byState) {
  return h('div', { class: 'cards' }, Object.entries(byState).map(([state, n]) =>
    h('div', { class: `stat ${STATE_TONE[state] ?? ''}`, 'data-state': state }, h('div', { class: 'n' }, n), h('div', {}, PACKET_STATE[state] ?? state))));
}

export async function overview({ period }) {
  const o = await api.get('/overview' + query({ periodKey: period }));
  const states = Object.keys(o.byState);
  const channels = table(['Kênh', ...states.map((s) => PACKET_STATE[s] ?? s)],
    Object.entries(o.byChannel).map(([ch, counts]) => h('tr', {}, h('td', {}, CHANNEL[ch] ?? ch), states.map((s) => h('td', { class: 'num' }, counts[s] ?? 0)))));
  // What is stuck first: ops read the table top-down.
  const ordered = [...o.reports].sort((a, b) => SEVERITY.indexOf(a.state) - SEVERITY.indexOf(b.state) || a.periodKey.localeCompare(b.periodKey) || a.orgUnitName.localeCompare(b.orgUnitName, 'vi'));
  const reports = table(['Kỳ', 'Đơn vị', 'Biểu mẫu', 'Trạng thái', 'Tuyến', 'Kênh'], ordered.map((r) => {
    const [route, tone] = routeBadge(r.state, r.channel);
    return h('tr', { 'data-submission': r.submissionId }, h('td', {}, r.periodKey), h('td', {}, r.orgUnitName), h('td', {}, r.formCode),
      h('td', {}, stateBadge(r.state)), h('td', {}, badge(route, tone)), h('td', {}, CHANNEL[r.channel] ?? r.channel));
  }), 'Chưa có báo cáo nào được liên thông trong kỳ này');
  const open = o.circuits.filter((c) => c.state !== 'closed');
  return [
    open.length ? h('div', { class: 'alert bad' }, `Cảnh báo: cầu dao đang ${open.map((c) => `${CHANNEL[c.channel] ?? c.channel} ${CIRCUIT[c.state]}`).join('; ')}`) : null,
    section('Gói tin theo trạng thái', stateCards(o.byState)),
    section('Theo kênh', channels),
    section('Theo báo cáo, kỳ và đơn vị', reports),
  ];
}

export async function queues() {
  const o = await api.get('/overview');
  return [section('Độ sâu hàng đợi', table(['Hàng đợi', 'Mã', 'Số gói tin đang chờ'], Object.entries(o.queues).map(([q, n]) =>
    h('tr', {}, h('td', {}, QUEUE[q] ?? q), h('td', {}, h('code', {}, q)), h('td', { class: 'num' }, h('span', { class: 'bar', style: `--w:${Math.min(100, n)}%` }), ' ', n)))))];
}

export async function circuits() {
  const o = await api.get('/overview');
  return [section('Cầu dao theo kênh', table(['Kênh', 'Trạng thái', 'Lỗi từ lúc'], o.circuits.map((c) =>
    h('tr', { 'data-channel': c.channel }, h('td', {}, CHANNEL[c.channel] ?? c.channel), h('td', {}, badge(CIRCUIT[c.state] ?? c.state, CIRCUIT_TONE[c.state] ?? 'info')), h('td', {}, fmtTime(c.failingSince))))),
    h('p', { class: 'hint' }, 'Khi cầu dao kênh chính mở quá ngưỡng, báo cáo được gửi qua Hệ thống QLVBĐH và đối soát lại khi kênh chính phục hồi.'))];
}

export async function errors() {
  const { errors } = await api.get('/errors' + query({ limit: 100 }));
  return [section('Lỗi gần đây', table(['Thời điểm', 'Mã lỗi', 'Kênh', 'Gói tin', 'Chi tiết'], errors.map((e) =>
    h('tr', {}, h('td', {}, fmtTime(e.at)), h('td', {}, h('code', {}, e.code)), h('td', {}, CHANNEL[e.channel] ?? e.channel), h('td', {}, h('code', {}, e.packetId)), h('td', {}, e.message))), 'Không có lỗi'))];
}
