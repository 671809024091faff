// Tổng quan đồng bộ, Hàng đợi, Cầu dao, Lỗi gần đây.
import type { ApiSchema } from '../../shared/api-client.js';
import { api, optional } from './api.js';
import { badge, stateBadge } from './badges.js';
import { fmtTime, h, section, table } from './dom.js';
import { ATTENTION_KIND, CHANNEL, CIRCUIT_TONE, PACKET_STATE, QUEUE, STATE_TONE, circuitPhrase, fmtAge, routeBadge } from './labels.js';
import { canRerun, refusal, type View } from './view.js';

type Overview = ApiSchema<'api.console.overview'>;
type Circuit = Overview['circuits'][number];
type AttentionRow = ApiSchema<'api.console.attention'>['rows'][number];
type ReplayResult = ApiSchema<'ReplayResult'>;

const SEVERITY = ['dead', 'rejected', 'queued', 'sending', 'sent_via_fallback', 'delivered', 'reconciled', 'acknowledged'];

function stateCards(byState: Record<string, number>): HTMLElement {
  return h(
    'div',
    { class: 'cards' },
    Object.entries(byState).map(([state, n]) =>
      h(
        'div',
        { class: `stat ${STATE_TONE[state] ?? ''}`, 'data-state': state },
        h('div', { class: 'n' }, n),
        h('div', {}, PACKET_STATE[state] ?? state),
      ),
    ),
  );
}

/** Re-runs one packet from the attention list; the row shows its new state without a reload. */
async function rerunRow(row: HTMLElement, packetId: string): Promise<void> {
  const r: ReplayResult = await api
    .post('/api/v1/console/replay', { body: { packetIds: [packetId] } })
    .catch((err: unknown) => ({ requeued: [], skipped: [{ packetId, reason: refusal(err) }] }));
  const cell = row.querySelector('.action')!;
  if (r.requeued.length) {
    row.querySelector('.state')!.replaceChildren(stateBadge('queued'));
    cell.replaceChildren(h('span', { class: 'hint' }, 'Đã đưa lại hàng đợi'));
  } else cell.replaceChildren(h('span', { class: 'hint' }, `Bỏ qua: ${r.skipped[0]?.reason ?? ''}`));
}

function attentionTable(rows: AttentionRow[], canRun: boolean): HTMLTableElement {
  const body = rows.map((a) => {
    const row: HTMLTableRowElement = h(
      'tr',
      { 'data-packet': a.packetId, 'data-kind': a.kind },
      h('td', {}, badge(ATTENTION_KIND[a.kind] ?? a.kind, a.kind === 'fallback' ? 'warn' : 'bad')),
      h('td', {}, a.periodKey ?? '—'),
      h('td', {}, a.orgUnitName),
      h('td', {}, a.formCode ?? a.packetType),
      h('td', { class: 'state' }, stateBadge(a.state)),
      h('td', { class: 'num age' }, fmtAge(a.ageSeconds)),
      h('td', { class: 'num' }, a.attempts),
      h('td', { class: 'reason' }, a.reason, a.lastErrorCode ? h('div', { class: 'hint' }, h('code', {}, a.lastErrorCode)) : null),
      h(
        'td',
        { class: 'action' },
        a.action,
        canRun && (a.kind === 'dead' || a.kind === 'refused')
          ? h('div', {}, h('button', { type: 'button', class: 'rerun', onclick: () => void rerunRow(row, a.packetId) }, 'Chạy lại'))
          : null,
      ),
    );
    return row;
  });
  return table(
    ['Loại', 'Kỳ', 'Đơn vị', 'Biểu mẫu', 'Trạng thái', 'Tuổi', 'Số lần thử', 'Lý do', 'Cần làm'],
    body,
    'Không có việc cần xử lý: mọi báo cáo đang được liên thông bình thường',
  );
}

export function circuitBanner(circuits: Circuit[]): HTMLElement | null {
  const failing = circuits.filter((c) => c.state !== 'closed');
  if (!failing.length) return null;
  return h(
    'div',
    { class: 'alert bad', id: 'circuit-banner', role: 'alert' },
    failing.map((c) => `Cầu dao ${CHANNEL[c.channel] ?? c.channel} đang ${circuitPhrase(c, fmtTime)}`).join('. '),
    '. Các gói tin của kênh này chờ trong hàng đợi và được gửi lại khi kênh phục hồi.',
  );
}

function reportsTable(o: Overview): HTMLTableElement {
  // What is stuck first: ops read the table top-down.
  const ordered = [...o.reports].sort(
    (a, b) =>
      SEVERITY.indexOf(a.state) - SEVERITY.indexOf(b.state) ||
      a.periodKey.localeCompare(b.periodKey) ||
      a.orgUnitName.localeCompare(b.orgUnitName, 'vi'),
  );
  return table(
    ['Kỳ', 'Đơn vị', 'Biểu mẫu', 'Trạng thái', 'Tuyến', 'Kênh'],
    ordered.map((r) => {
      const [route, tone] = routeBadge(r.state, r.channel);
      return h(
        'tr',
        { 'data-submission': r.submissionId },
        h('td', {}, r.periodKey),
        h('td', {}, r.orgUnitName),
        h('td', {}, r.formCode),
        h('td', {}, stateBadge(r.state)),
        h('td', {}, badge(route, tone)),
        h('td', {}, CHANNEL[r.channel] ?? r.channel),
      );
    }),
    'Chưa có báo cáo nào được liên thông trong kỳ này',
  );
}

export const overview: View = async ({ period, principal }) => {
  const [o, { rows }] = await Promise.all([
    api.get('/api/v1/console/overview', { params: { query: { periodKey: optional(period) } } }),
    api.get('/api/v1/console/attention'),
  ]);
  const states = Object.keys(o.byState);
  const channels = table(
    ['Kênh', ...states.map((s) => PACKET_STATE[s] ?? s)],
    Object.entries(o.byChannel).map(([ch, counts]) =>
      h(
        'tr',
        {},
        h('td', {}, CHANNEL[ch] ?? ch),
        states.map((s) => h('td', { class: 'num' }, counts[s] ?? 0)),
      ),
    ),
  );
  const scope = period ? `kỳ ${period}` : 'mọi kỳ';
  return [
    circuitBanner(o.circuits),
    h(
      'section',
      { class: 'card attention', id: 'attention' },
      h('h2', {}, `Cần xử lý (${rows.length}, mọi kỳ báo cáo)`),
      attentionTable(rows, canRerun(principal)),
    ),
    section(`Gói tin theo trạng thái (${scope})`, stateCards(o.byState)),
    section(`Theo kênh (${scope})`, channels),
    section(`Theo báo cáo, kỳ và đơn vị (${scope})`, reportsTable(o)),
  ];
};

/** A bar whose width is set through the CSSOM (a strict CSP forbids style attributes). */
function bar(n: number): HTMLSpanElement {
  const el = h('span', { class: 'bar' });
  el.style.setProperty('--w', `${Math.min(100, n)}%`);
  return el;
}

export const queues: View = async () => {
  const o = await api.get('/api/v1/console/overview');
  return [
    section(
      'Độ sâu hàng đợi',
      table(
        ['Hàng đợi', 'Mã', 'Số gói tin đang chờ'],
        Object.entries(o.queues).map(([q, n]) =>
          h('tr', {}, h('td', {}, QUEUE[q] ?? q), h('td', {}, h('code', {}, q)), h('td', { class: 'num' }, bar(n), ' ', n)),
        ),
      ),
    ),
  ];
};

export const circuits: View = async () => {
  const o = await api.get('/api/v1/console/overview');
  // A closed circuit whose channel already fails is shown as such, never "bình thường" beside a failure clock.
  const tone = (c: Circuit) => (c.state === 'closed' && c.failingSince ? 'warn' : (CIRCUIT_TONE[c.state] ?? 'info'));
  return [
    circuitBanner(o.circuits),
    section(
      'Cầu dao theo kênh',
      table(
        ['Kênh', 'Trạng thái', 'Lỗi từ lúc'],
        o.circuits.map((c) =>
          h(
            'tr',
            { 'data-channel': c.channel },
            h('td', {}, CHANNEL[c.channel] ?? c.channel),
            h('td', {}, badge(circuitPhrase(c, fmtTime), tone(c))),
            h('td', {}, c.failingSince ? fmtTime(c.failingSince) : 'Không có lỗi'),
          ),
        ),
      ),
      h(
        'p',
        { class: 'hint' },
        'Khi cầu dao kênh chính mở quá ngưỡng, báo cáo được gửi qua Hệ thống QLVBĐH và đối soát lại khi kênh chính phục hồi.',
      ),
    ),
  ];
};

export const errors: View = async () => {
  const { errors } = await api.get('/api/v1/console/errors', { params: { query: { limit: 100 } } });
  return [
    section(
      'Lỗi gần đây',
      table(
        ['Thời điểm', 'Mã lỗi', 'Kênh', 'Gói tin', 'Chi tiết'],
        errors.map((e) =>
          h(
            'tr',
            {},
            h('td', {}, fmtTime(e.at)),
            h('td', {}, h('code', {}, e.code)),
            h('td', {}, CHANNEL[e.channel] ?? e.channel),
            h('td', {}, h('code', {}, e.packetId)),
            h('td', {}, e.message),
          ),
        ),
        'Không có lỗi',
      ),
    ),
  ];
};
