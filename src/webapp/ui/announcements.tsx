import { quietApi } from './api.js';
import { useLoad } from './components.js';
import { fmtDateTime } from './format.js';

/**
 * The ops module's announcements (GET /api/v1/announcements: not over, not withdrawn) as a banner
 * on every app page, so nobody is surprised by a maintenance window in the middle of entering.
 */
export function AnnouncementBanner() {
  // A banner that cannot load shows nothing: the page itself reports a lost session.
  const { data } = useLoad(
    () =>
      quietApi
        .get('/api/v1/announcements')
        .then((r) => r.announcements)
        .catch(() => []),
    [],
  );
  if (!data || data.length === 0) return null;
  return (
    <div class="announcements" id="announcements" role="status">
      {data.map((a) => (
        <p class={`warn-box announcement ${a.kind}`} data-kind={a.kind} data-id={a.id}>
          <b>
            {a.kind === 'maintenance' ? 'Bảo trì hệ thống' : 'Thông báo'}: {a.title}
          </b>
          , từ {fmtDateTime(a.startsAt)} đến {fmtDateTime(a.endsAt)}
          {a.body ? <> — {a.body}</> : null}
        </p>
      ))}
    </div>
  );
}
