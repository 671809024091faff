import { logout } from './api.js';
import { AnnouncementBanner } from './announcements.js';
import { ROLE_LABEL } from './messages.js';
import { OfflineBanner } from './offline-banner.js';
import { ConsolidationPage } from './pages/consolidation.js';
import { InboxPage } from './pages/inbox.js';
import { ExtensionsPage } from './pages/extensions.js';
import { OpenAssignment } from './pages/open-assignment.js';
import { PublishPage } from './pages/publish.js';
import { RegimeRoutingPage } from './pages/regime-routing.js';
import { ReportPage } from './pages/report.js';
import { UnitReportsPage } from './pages/unit-reports.js';
import { ApprovalGridPage } from './pages/approval-grid.js';
import { useRoute } from './router.js';
import { childrenOf, has, unitName, type AppState } from './store.js';

interface NavItem {
  path: string;
  label: string;
}

/** Pages shipped so far (the others join the navigation as they land). */
const READY = new Set(['cho-phe-duyet', 'cho-gui', 'bao-cao', 'tong-hop', 'duyet-theo-don-vi', 'gia-han', 'cong-bo', 'che-do']);

/** The tabs a role works in, its home first (Kon Tum 8-9: each role has its own work). */
export function navFor(state: AppState): NavItem[] {
  const items: NavItem[] = [];
  const parent = childrenOf(state, state.principal.orgUnitId).length > 0;
  if (has(state, 'leader')) items.push({ path: 'cho-phe-duyet', label: 'Chờ phê duyệt' });
  if (has(state, 'clerk')) items.push({ path: 'cho-gui', label: 'Chờ gửi' });
  if (has(state, 'data_entry') && parent) items.push({ path: 'tong-hop', label: 'Tổng hợp' });
  if (has(state, 'data_entry') || has(state, 'leader') || has(state, 'clerk') || has(state, 'admin')) {
    items.push({ path: 'bao-cao', label: 'Báo cáo của đơn vị' });
  }
  if ((has(state, 'leader') || has(state, 'admin')) && parent) {
    items.push({ path: 'tong-hop', label: 'Tổng hợp' });
    items.push({ path: 'duyet-theo-don-vi', label: 'Duyệt theo đơn vị' });
    items.push({ path: 'gia-han', label: 'Đề nghị gia hạn' });
  }
  if (has(state, 'admin')) items.push({ path: 'cong-bo', label: 'Công khai số liệu' });
  if (has(state, 'admin') && !state.units.get(state.principal.orgUnitId)?.parentId)
    items.push({ path: 'che-do', label: 'Cách gửi báo cáo' });
  const seen = new Set<string>();
  return items.filter((i) => READY.has(i.path) && (seen.has(i.path) ? false : (seen.add(i.path), true)));
}

function Page({ state, route }: { state: AppState; route: string[] }) {
  const [head, arg] = route;
  const home = navFor(state)[0]?.path;
  switch (head ?? home) {
    case 'bao-cao':
      return arg ? <ReportPage state={state} id={arg} /> : <UnitReportsPage state={state} />;
    case 'giao':
      return <OpenAssignment state={state} assignmentId={arg ?? ''} />;
    case 'cho-phe-duyet':
      return <InboxPage state={state} kind="leader" />;
    case 'cho-gui':
      return <InboxPage state={state} kind="clerk" />;
    case 'tong-hop':
      return <ConsolidationPage state={state} formArg={arg} periodArg={route[2]} />;
    case 'duyet-theo-don-vi':
      return <ApprovalGridPage state={state} />;
    case 'gia-han':
      return <ExtensionsPage state={state} />;
    case 'cong-bo':
      return <PublishPage state={state} />;
    case 'che-do':
      return <RegimeRoutingPage state={state} />;
    default:
      return (
        <section>
          <h1>Hệ thống thông tin báo cáo</h1>
          <p>
            Vai trò của bạn làm việc trên <a href="/console">bảng điều khiển vận hành</a>.
          </p>
        </section>
      );
  }
}

export function App({ state }: { state: AppState }) {
  const route = useRoute();
  const nav = navFor(state);
  const current = route[0] ?? nav[0]?.path;
  const roles = state.principal.roles.map((r) => ROLE_LABEL[r] ?? r).join(', ');
  return (
    <>
      <header class="top">
        <div class="brand">
          Báo cáo tỉnh <span>· Hệ thống thông tin báo cáo</span>
        </div>
        <div class="who" id="user">
          <strong>{state.displayName}</strong> · {roles} · {unitName(state, state.principal.orgUnitId)}
        </div>
        {has(state, 'ops') || has(state, 'admin') ? (
          <a class="btn" href="/console">
            Bảng điều khiển vận hành
          </a>
        ) : null}
        <button type="button" id="logout" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </header>
      <nav class="main" aria-label="Chức năng">
        {nav.map((n) => (
          <a href={`#/${n.path}`} aria-current={current === n.path ? 'page' : undefined}>
            {n.label}
          </a>
        ))}
        <a href="/cong-khai">Số liệu công khai</a>
      </nav>
      <main id="main" tabIndex={-1}>
        <OfflineBanner />
        <AnnouncementBanner />
        <Page state={state} route={route} />
      </main>
    </>
  );
}
