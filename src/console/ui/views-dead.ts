// Thư chết: re-run one or many dead or refused packets, with confirmation, progress and the result per row.
import type { ApiSchema } from '../../shared/api-client.js';
import { api } from './api.js';
import { stateBadge } from './badges.js';
import { confirmDialog, fmtTime, h, section, table } from './dom.js';
import { CHANNEL } from './labels.js';
import { canRerun, refusal, type View } from './view.js';

/** Packets per request during a bulk re-run: small enough for the progress bar to move. */
const BATCH = 20;

type Skipped = ApiSchema<'ReplayResult'>['skipped'][number];
interface RerunUi {
  progress: HTMLProgressElement;
  result: HTMLElement;
  rows: Map<string, HTMLTableRowElement>;
}

const packetPath = (id: string) => ({ params: { path: { id } } });

async function rerun(ids: string[], ui: RerunUi): Promise<void> {
  ui.progress.hidden = false;
  ui.progress.max = ids.length;
  ui.progress.value = 0;
  ui.result.textContent = 'Đang chạy lại…';
  const requeued: string[] = [];
  const skipped: Skipped[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    try {
      const r = await api.post('/api/v1/console/replay', { body: { packetIds: ids.slice(i, i + BATCH) } });
      requeued.push(...r.requeued);
      skipped.push(...r.skipped);
    } catch (err) {
      skipped.push(...ids.slice(i, i + BATCH).map((packetId) => ({ packetId, reason: refusal(err) })));
    }
    ui.progress.value = Math.min(ids.length, i + BATCH);
  }
  await Promise.all(ids.map((id) => refreshRow(id, ui)));
  ui.result.replaceChildren(
    h('strong', {}, `Đã đưa lại hàng đợi: ${requeued.length}`),
    `; bỏ qua: ${skipped.length}`,
    ...(skipped.length
      ? [
          h(
            'ul',
            {},
            skipped.map((s) => h('li', {}, h('code', {}, s.packetId), ` — ${s.reason}`)),
          ),
        ]
      : []),
  );
  ui.result.className = skipped.length ? 'result warn' : 'result ok';
  void followRows(requeued, ui);
}

/** Re-run packets move queued → sending → acknowledged: their rows follow for a while, no reload. */
async function followRows(ids: string[], ui: RerunUi, rounds = 10): Promise<void> {
  for (let round = 0; round < rounds && ids.length; round++) {
    await new Promise((r) => setTimeout(r, 1500));
    ids = (await Promise.all(ids.map((id) => refreshRow(id, ui)))).filter((id): id is string => id !== null);
  }
}

/** Updates one row from the packet's current state; returns the id while it is still moving. */
async function refreshRow(id: string, ui: RerunUi): Promise<string | null> {
  const row = ui.rows.get(id);
  if (!row || !row.isConnected) return null;
  try {
    const p = await api.get('/api/v1/console/packets/{id}', packetPath(id));
    row.querySelector('.state')!.replaceChildren(stateBadge(p.state));
    row.dataset.state = p.state;
    row.classList.toggle('resolved', !['dead', 'rejected'].includes(p.state));
    return ['queued', 'sending'].includes(p.state) ? id : null;
  } catch {
    return null;
  }
}

const OUTCOME: Record<string, string> = { ok: 'Thành công', retry: 'Thử lại', failed: 'Thất bại' };

/** The packet's delivery attempts under its row: why it is stuck, with each attempt's correlation id. */
async function toggleHistory(row: HTMLTableRowElement, packetId: string): Promise<void> {
  const next = row.nextElementSibling;
  if (next && next.classList.contains('history')) {
    next.remove();
    return;
  }
  const p = await api.get('/api/v1/console/packets/{id}', packetPath(packetId));
  const attempts = table(
    ['Lần', 'Kênh', 'Thời điểm', 'Kết quả', 'Mã lỗi', 'Chi tiết', 'Thời gian (ms)', 'Mã tương quan'],
    p.history.map((a) =>
      h(
        'tr',
        {},
        h('td', { class: 'num' }, a.attempt),
        h('td', {}, CHANNEL[a.channel] ?? a.channel),
        h('td', {}, fmtTime(a.at)),
        h('td', {}, OUTCOME[a.outcome] ?? a.outcome),
        h('td', {}, a.errorCode ? h('code', {}, a.errorCode) : '—'),
        h('td', {}, a.errorMessage ?? ''),
        h('td', { class: 'num' }, a.durationMs),
        h('td', {}, a.correlationId ? h('code', {}, a.correlationId) : '—'),
      ),
    ),
    'Chưa có lần gửi nào',
  );
  row.after(h('tr', { class: 'history' }, h('td', { colspan: row.children.length }, attempts)));
}

// Every period: a stuck packet matters whatever period the picker shows.
export const dead: View = async ({ principal }) => {
  const { packets } = await api.get('/api/v1/console/dead-letters', { params: { query: { limit: 500 } } });
  const canRun = canRerun(principal);
  const ui: RerunUi = {
    progress: h('progress', { hidden: true, 'aria-label': 'Tiến độ chạy lại' }),
    result: h('div', { class: 'result', role: 'status' }),
    rows: new Map(),
  };
  const selectAll = h('input', {
    type: 'checkbox',
    'aria-label': 'Chọn tất cả',
    onchange: (e) => {
      const all = (e.target as HTMLInputElement).checked;
      for (const box of document.querySelectorAll<HTMLInputElement>('input.pick')) box.checked = all;
    },
  });
  const ask = async (ids: string[]) => {
    if (ids.length === 0) return;
    if (await confirmDialog(`Chạy lại ${ids.length} gói tin? Thao tác được ghi vào nhật ký hệ thống.`)) await rerun(ids, ui);
  };
  const rows = packets.map((p) => {
    const row: HTMLTableRowElement = h(
      'tr',
      { 'data-packet': p.packetId, 'data-state': p.state },
      h('td', {}, canRun ? h('input', { type: 'checkbox', class: 'pick', value: p.packetId, 'aria-label': `Chọn ${p.packetId}` }) : null),
      h('td', {}, h('code', { class: 'packet', title: 'Xem lịch sử gửi', onclick: () => void toggleHistory(row, p.packetId) }, p.packetId)),
      h('td', {}, p.periodKey),
      h('td', {}, p.orgUnitName),
      h('td', {}, p.formCode),
      h('td', {}, CHANNEL[p.channel] ?? p.channel),
      h('td', { class: 'num' }, p.attempts),
      h(
        'td',
        {},
        p.lastErrorCode ? h('code', {}, p.lastErrorCode) : '—',
        p.lastErrorMessage ? h('div', { class: 'hint' }, p.lastErrorMessage) : null,
      ),
      h('td', {}, fmtTime(p.updatedAt)),
      h('td', { class: 'state' }, stateBadge(p.state)),
      h('td', {}, canRun ? h('button', { type: 'button', class: 'rerun', onclick: () => ask([p.packetId]) }, 'Chạy lại') : null),
    );
    ui.rows.set(p.packetId, row);
    return row;
  });
  const picked = () => [...document.querySelectorAll<HTMLInputElement>('input.pick:checked')].map((b) => b.value);
  const bulk = canRun
    ? h(
        'div',
        { class: 'toolbar' },
        h('button', { type: 'button', id: 'rerun-selected', onclick: () => ask(picked()) }, 'Chạy lại các gói đã chọn'),
        h(
          'button',
          { type: 'button', class: 'secondary', id: 'rerun-all', onclick: () => ask(packets.map((p) => p.packetId)) },
          `Chạy lại tất cả (${packets.length})`,
        ),
        ui.progress,
      )
    : h('p', { class: 'hint' }, 'Chỉ vai trò Vận hành hoặc Quản trị được chạy lại gói tin.');
  return [
    section(
      `Thư chết và gói bị từ chối (${packets.length}, mọi kỳ báo cáo)`,
      bulk,
      ui.result,
      table(
        [canRun ? selectAll : '', 'Gói tin', 'Kỳ', 'Đơn vị', 'Biểu mẫu', 'Kênh', 'Số lần thử', 'Lỗi cuối', 'Cập nhật', 'Trạng thái', ''],
        rows,
        'Không có thư chết',
      ),
    ),
  ];
};
