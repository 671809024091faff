import { useLoad } from './components.js';
import { fmtDateTime } from './format.js';

interface Announcement {
  id: string;
  kind: 'maintenance' | 'notice';
  title: string;
  body: string | null;
  startsAt: string;
  endsAt: string;
}

/**
 * The ops module's announcements (GET /api/v1/announcements: not over, not withdrawn) as a banner
 * on every app page, so nobody is surprised by a maintenance window in the middle of entering.
 */
export function AnnouncementBanner() {
  // Plain same-origin GET (no CSRF needed): the ops route is not in the typed document the client is generated from.
  const { data } = useLoad(
    () =>
      fetch('/api/v1/announcements', { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ announcements: Announcement[] }>) : { announcements: [] }))
        .then((r) => r.announcements)
        .catch(() => [] as Announcement[]),
    [],
  );
  if (!data || data.length === 0) return null;
  return (
    <div class="announcements" id="announcements" role="status">
      {data.map((a) => (
        <p class={`warn-box announcement ${a.kind}`} data-kind={a.kind} data-id={a.id}>
          <b>{a.kind === 'maintenance' ? 'Bảo trì hệ thống' : 'Thông báo'}: {a.title}</b>, từ {fmtDateTime(a.startsAt)} đến {fmtDateTime(a.endsAt)}
          {a.body ? <> — {a.body}</> : null}
        </p>
      ))}
    </div>
  );
}
