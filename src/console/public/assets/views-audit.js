// Audit viewer (who did what, when, from where) and notifications (what was told to whom, announcements).
import { api, opsApi, query } from './api.js';
import { confirmDialog, fmtTime, h, section, table } from './dom.js';
import { AUDIT_ACTION } from './labels.js';

const ACTIONS = Object.entries(AUDIT_ACTION);

export async function audit() {
  const { units } = await api.get('/units');
  const f = {
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
  const body = h('div', {});
  const more = h('button', { type: 'button', id: 'audit-more', class: 'secondary', hidden: true }, 'Xem thêm');
  const csv = h('a', { id: 'audit-csv', class: 'button secondary', href: '#' }, 'Tải CSV');
  const xlsx = h('a', { id: 'audit-xlsx', class: 'button secondary', href: '#' }, 'Tải Excel');
  let rows = [];
  let cursor = null;
  const filter = () => ({
    actor: f.actor.value.trim(),
    action: f.action.value,
    orgUnitId: f.orgUnitId.value,
    from: f.from.value ? `${f.from.value}T00:00:00+07:00` : '',
    to: f.to.value ? new Date(Date.parse(`${f.to.value}T00:00:00+07:00`) + 86_400_000).toISOString() : '',
  });
  const render = () =>
    body.replaceChildren(
      table(
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
      ),
    );
  const load = async (append) => {
    const page = await opsApi.get('/ops/audit' + query({ ...filter(), limit: 50, cursor: append ? cursor : '' }));
    rows = append ? [...rows, ...page.entries] : page.entries;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    csv.setAttribute('href', '/api/v1/ops/audit/export' + query({ ...filter(), format: 'csv' }));
    xlsx.setAttribute('href', '/api/v1/ops/audit/export' + query({ ...filter(), format: 'xlsx' }));
    render();
  };
  const fail = (e) => body.replaceChildren(h('div', { class: 'alert bad' }, `${e.code ?? ''} ${e.message}`));
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
}

const CHANNEL_VI = { email: 'Thư điện tử', webhook: 'Webhook' };
const STATE_VI = { queued: 'Đang chờ gửi', sent: 'Đã gửi', failed: 'Gửi lỗi' };
// Rule ids are the province's own (NOTIFY_RULES_FILE); the event they fire on is a fixed list.
const EVENT_VI = {
  'packet.dead': 'Gói tin vào thư chết',
  'circuit.open': 'Cầu dao mở',
  'fallback.used': 'Gửi qua kênh dự phòng',
  'backlog.aged': 'Hàng đợi tồn lâu',
  'timestamping.failed': 'Lỗi cấp dấu thời gian',
  'ocsp.failed': 'Lỗi kiểm tra thu hồi (OCSP)',
  'deadline.approaching': 'Sắp đến hạn nộp',
  'report.missing': 'Quá hạn chưa nộp',
  'reception.changed': 'Thay đổi thời gian tiếp nhận',
  'maintenance.planned': 'Bảo trì theo kế hoạch',
};
const viLocal = (value) => (value ? new Date(`${value}:00+07:00`).toISOString() : '');

export async function notifications({ principal }) {
  const [{ notifications: list, demoInboxUrl }, { announcements }] = await Promise.all([
    opsApi.get('/ops/notifications?limit=100'),
    opsApi.get('/announcements'),
  ]);
  const parts = [];
  const isAdmin = principal?.roles.includes('admin');
  const current = table(
    ['Loại', 'Tiêu đề', 'Bắt đầu', 'Kết thúc', ''],
    announcements.map((a) =>
      h(
        'tr',
        {},
        h('td', {}, a.kind === 'maintenance' ? 'Bảo trì' : 'Thông báo'),
        h('td', {}, a.title),
        h('td', {}, fmtTime(a.startsAt)),
        h('td', {}, fmtTime(a.endsAt)),
        h(
          'td',
          {},
          isAdmin
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: async () => {
                    if (!(await confirmDialog(`Huỷ thông báo "${a.title}"?`))) return;
                    await opsApi.del(`/announcements/${a.id}`);
                    location.reload();
                  },
                },
                'Huỷ',
              )
            : '',
        ),
      ),
    ),
    'Không có thông báo bảo trì nào',
  );
  parts.push(
    section(
      'Thông báo bảo trì',
      current,
      isAdmin
        ? announcementForm()
        : h('p', { class: 'hint' }, 'Quản trị hệ thống tạo thông báo bảo trì; mọi người dùng thấy biểu ngữ và nhận thư trước 24 giờ.'),
    ),
  );
  parts.push(
    section(
      'Thông báo đã gửi',
      demoInboxUrl
        ? h(
            'p',
            { class: 'hint' },
            'Bản demo: xem thư và webhook đã nhận tại ',
            h('a', { href: demoInboxUrl, id: 'demo-inbox', target: '_blank', rel: 'noopener' }, 'hộp thư mô phỏng'),
            '.',
          )
        : '',
      table(
        ['Lúc', 'Quy tắc', 'Kênh', 'Người nhận', 'Tiêu đề', 'Trạng thái', 'Lần gửi', 'Lỗi cuối'],
        list.map((n) =>
          h(
            'tr',
            {},
            h('td', {}, fmtTime(n.createdAt)),
            h('td', {}, EVENT_VI[n.eventType] ?? n.eventType, ' ', h('small', { class: 'hint' }, n.ruleId)),
            h('td', {}, CHANNEL_VI[n.channel] ?? n.channel),
            h('td', {}, n.recipient === 'webhook' ? 'IOC (webhook)' : n.recipient),
            h('td', {}, n.subject),
            h('td', {}, h('span', { class: `badge ${n.state}` }, STATE_VI[n.state] ?? n.state)),
            h('td', {}, n.attempts),
            h('td', {}, n.lastError ?? '—'),
          ),
        ),
        'Chưa có thông báo nào',
      ),
    ),
  );
  return parts;
}

function announcementForm() {
  const title = h('input', { id: 'ann-title', type: 'text', required: true, 'aria-label': 'Tiêu đề' });
  const body = h('textarea', { id: 'ann-body', rows: 2, 'aria-label': 'Nội dung' });
  const starts = h('input', { id: 'ann-starts', type: 'datetime-local', required: true, 'aria-label': 'Bắt đầu' });
  const ends = h('input', { id: 'ann-ends', type: 'datetime-local', required: true, 'aria-label': 'Kết thúc' });
  const out = h('p', { class: 'hint', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'toolbar',
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await opsApi.post('/announcements', {
            kind: 'maintenance',
            title: title.value,
            body: body.value,
            startsAt: viLocal(starts.value),
            endsAt: viLocal(ends.value),
          });
          location.reload();
        } catch (e) {
          out.textContent = `Không tạo được thông báo: ${e.message}`;
        }
      },
    },
    h('label', {}, 'Tiêu đề ', title),
    h('label', {}, 'Nội dung ', body),
    h('label', {}, 'Bắt đầu ', starts),
    h('label', {}, 'Kết thúc ', ends),
    h('button', { type: 'submit', id: 'ann-create' }, 'Tạo thông báo bảo trì'),
  );
  return h('div', {}, h('h3', {}, 'Thông báo bảo trì mới'), form, out);
}

/** The banner every console page shows while an announcement is current or coming. */
export async function banner() {
  const { announcements } = await opsApi.get('/announcements');
  const el = document.getElementById('announcements');
  el.replaceChildren(
    ...announcements.map((a) =>
      h(
        'div',
        { class: 'alert warn announcement', role: 'status' },
        h('strong', {}, a.kind === 'maintenance' ? 'Bảo trì hệ thống: ' : 'Thông báo: '),
        `${a.title}, từ ${fmtTime(a.startsAt)} đến ${fmtTime(a.endsAt)}. `,
        a.body,
      ),
    ),
  );
}
