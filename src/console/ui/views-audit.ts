// Audit viewer: who did what, when, from where; filters, pages of 50 and the exports of the filter.
import type { ApiSchema } from '../../shared/api-client.js';
import { api, downloadHref, optional } from './api.js';
import { fmtTime, h, section, table } from './dom.js';
import { AUDIT_ACTION } from './labels.js';
import { describeError, type View } from './view.js';

type AuditEntry = ApiSchema<'api.ops.audit-entry'>;

const ACTIONS = Object.entries(AUDIT_ACTION);

function filters(units: { id: string; name: string }[]) {
  return {
    actor: h('input', { id: 'audit-actor', type: 'text', placeholder: 'mã người dùng', 'aria-label': 'Người thực hiện' }),
    action: h(
      'select',
      { id: 'audit-action', 'aria-label': 'Hành động' },
      h('option', { value: '' }, 'Mọi hành động'),
      h('option', { value: 'submission.' }, 'Mọi thao tác báo cáo'),
      h('option', { value: 'user.' }, 'Mọi thao tác tài khoản'),
      ACTIONS.map(([code, label]) => h('option', { value: code }, label)),
    ),
    orgUnitId: h(
      'select',
      { id: 'audit-unit', 'aria-label': 'Đơn vị' },
      h('option', { value: '' }, 'Mọi đơn vị'),
      units.map((u) => h('option', { value: u.id }, u.name)),
    ),
    from: h('input', { id: 'audit-from', type: 'date', 'aria-label': 'Từ ngày' }),
    to: h('input', { id: 'audit-to', type: 'date', 'aria-label': 'Đến ngày' }),
  };
}

function entriesTable(rows: AuditEntry[]): HTMLTableElement {
  return table(
    ['Thời gian', 'Người thực hiện', 'Hành động', 'Đối tượng', 'Đơn vị', 'Từ địa chỉ', 'Chi tiết'],
    rows.map((e) =>
      h(
        'tr',
        {},
        h('td', {}, fmtTime(e.at)),
        h('td', { title: e.actor }, e.actorName ?? e.actor),
        h('td', { title: e.action }, AUDIT_ACTION[e.action] ?? e.action),
        h('td', {}, e.subject ?? '—'),
        h('td', {}, e.orgUnitName ?? '—'),
        h('td', {}, e.ip ?? '—'),
        h('td', { class: 'details' }, JSON.stringify(e.details)),
      ),
    ),
    'Không có bản ghi nào khớp bộ lọc',
  );
}

export const audit: View = async () => {
  const { units } = await api.get('/api/v1/console/units');
  const f = filters(units);
  const body = h('div', {});
  const more = h('button', { type: 'button', id: 'audit-more', class: 'secondary', hidden: true }, 'Xem thêm');
  const csv = h('a', { id: 'audit-csv', class: 'button secondary', href: '#' }, 'Tải CSV');
  const xlsx = h('a', { id: 'audit-xlsx', class: 'button secondary', href: '#' }, 'Tải Excel');
  let rows: AuditEntry[] = [];
  let cursor: string | null = null;
  // Dates are the province's days (UTC+7); "to" is inclusive for people, exclusive for the API.
  const filter = () => ({
    actor: optional(f.actor.value.trim()),
    action: optional(f.action.value),
    orgUnitId: optional(f.orgUnitId.value),
    from: f.from.value ? `${f.from.value}T00:00:00+07:00` : undefined,
    to: f.to.value ? new Date(Date.parse(`${f.to.value}T00:00:00+07:00`) + 86_400_000).toISOString() : undefined,
  });
  const load = async (append: boolean) => {
    const query = { ...filter(), limit: 50, cursor: append ? (cursor ?? undefined) : undefined };
    const page = await api.get('/api/v1/ops/audit', { params: { query } });
    rows = append ? [...rows, ...page.entries] : page.entries;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    csv.setAttribute('href', downloadHref('/api/v1/ops/audit/export', { ...filter(), format: 'csv' }));
    xlsx.setAttribute('href', downloadHref('/api/v1/ops/audit/export', { ...filter(), format: 'xlsx' }));
    body.replaceChildren(entriesTable(rows));
  };
  const fail = (e: unknown) => body.replaceChildren(h('div', { class: 'alert bad' }, describeError(e)));
  for (const el of Object.values(f)) el.addEventListener('change', () => void load(false).catch(fail));
  more.addEventListener('click', () => void load(true).catch(fail));
  queueMicrotask(() => void load(false).catch(fail));
  return [
    section(
      'Nhật ký hệ thống: ai làm gì, khi nào, từ đâu',
      h(
        'div',
        { class: 'toolbar' },
        h('label', {}, 'Người ', f.actor),
        h('label', {}, 'Hành động ', f.action),
        h('label', {}, 'Đơn vị ', f.orgUnitId),
        h('label', {}, 'Từ ', f.from),
        h('label', {}, 'Đến ', f.to),
        csv,
        xlsx,
      ),
      body,
      more,
    ),
  ];
};
