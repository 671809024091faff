// Notifications (what was told to whom), maintenance announcements, and the banner every page shows.
import type { ApiSchema } from '../../shared/api-client.js';
import { api } from './api.js';
import { byId, confirmDialog, fmtTime, h, section, table } from './dom.js';
import { messageOf, type View } from './view.js';

type Announcement = ApiSchema<'Announcement'>;
type Notification = ApiSchema<'api.ops.notifications'>['notifications'][number];

const CHANNEL_VI: Record<string, string> = { email: 'Thư điện tử', webhook: 'Webhook' };
const STATE_VI: Record<string, string> = { queued: 'Đang chờ gửi', sent: 'Đã gửi', failed: 'Gửi lỗi' };
// Rule ids are the province's own (NOTIFY_RULES_FILE); the event they fire on is a fixed list.
const EVENT_VI: Record<string, string> = {
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
/** A datetime-local value is the province's wall clock (UTC+7). */
const viLocal = (value: string) => (value ? new Date(`${value}:00+07:00`).toISOString() : '');

function withdrawButton(a: Announcement): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        if (!(await confirmDialog(`Huỷ thông báo "${a.title}"?`))) return;
        await api.delete('/api/v1/announcements/{id}', { params: { path: { id: a.id } } });
        location.reload();
      },
    },
    'Huỷ',
  );
}

function announcementsTable(announcements: Announcement[], isAdmin: boolean): HTMLTableElement {
  return table(
    ['Loại', 'Tiêu đề', 'Bắt đầu', 'Kết thúc', ''],
    announcements.map((a) =>
      h(
        'tr',
        {},
        h('td', {}, a.kind === 'maintenance' ? 'Bảo trì' : 'Thông báo'),
        h('td', {}, a.title),
        h('td', {}, fmtTime(a.startsAt)),
        h('td', {}, fmtTime(a.endsAt)),
        h('td', {}, isAdmin ? withdrawButton(a) : ''),
      ),
    ),
    'Không có thông báo bảo trì nào',
  );
}

function notificationsTable(list: Notification[]): HTMLTableElement {
  return table(
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
  );
}

export const notifications: View = async ({ principal }) => {
  const [{ notifications: list, demoInboxUrl }, { announcements }] = await Promise.all([
    api.get('/api/v1/ops/notifications', { params: { query: { limit: 100 } } }),
    api.get('/api/v1/announcements'),
  ]);
  const isAdmin = principal.roles.includes('admin');
  return [
    section(
      'Thông báo bảo trì',
      announcementsTable(announcements, isAdmin),
      isAdmin
        ? announcementForm()
        : h('p', { class: 'hint' }, 'Quản trị hệ thống tạo thông báo bảo trì; mọi người dùng thấy biểu ngữ và nhận thư trước 24 giờ.'),
    ),
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
      notificationsTable(list),
    ),
  ];
};

function announcementForm(): HTMLElement {
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
          await api.post('/api/v1/announcements', {
            body: {
              kind: 'maintenance',
              title: title.value,
              body: body.value,
              startsAt: viLocal(starts.value),
              endsAt: viLocal(ends.value),
            },
          });
          location.reload();
        } catch (e) {
          out.textContent = `Không tạo được thông báo: ${messageOf(e)}`;
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
export async function banner(): Promise<void> {
  const { announcements } = await api.get('/api/v1/announcements');
  byId('announcements').replaceChildren(
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
