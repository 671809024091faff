// Console shell: who is logged in, the period picker, hash navigation and a gentle auto-refresh.
import { api, loadSession, logout, type Me } from './api.js';
import { byId, h } from './dom.js';
import { ROLE } from './labels.js';
import { accounts, showAccountsTab } from './views-accounts.js';
import { audit } from './views-audit.js';
import { dead } from './views-dead.js';
import { banner, notifications } from './views-notifications.js';
import { trends, usage } from './views-ops.js';
import { packets } from './views-packets.js';
import { calendar, charts, timeliness } from './views-reports.js';
import { circuits, errors, overview, queues } from './views-sync.js';
import { describeError, type View } from './view.js';

const VIEWS: Record<string, View> = {
  overview,
  queues,
  packets,
  dead,
  circuits,
  errors,
  timeliness,
  calendar,
  charts,
  accounts,
  trends,
  usage,
  audit,
  notifications,
};
/** Views that refresh themselves; the others hold user input (selections, charts). */
const LIVE = new Set(['overview', 'queues', 'packets', 'circuits', 'errors']);
const REFRESH_MS = 5000;
const state: { principal: Me | null; period: string } = { principal: null, period: '' };
let timer: ReturnType<typeof setTimeout> | undefined;

async function render(showBusy = true): Promise<void> {
  const name = (location.hash || '#overview').slice(1);
  const view = Object.hasOwn(VIEWS, name) ? name : 'overview';
  for (const a of document.querySelectorAll<HTMLElement>('#tabs a')) a.classList.toggle('active', a.dataset.view === view);
  const main = byId('view');
  if (showBusy) {
    main.setAttribute('aria-busy', 'true');
    main.replaceChildren(h('div', { class: 'loading' }, h('span', { class: 'spinner' }), 'Đang tải…'));
  }
  try {
    const parts = await VIEWS[view]!({ period: state.period, principal: state.principal! });
    main.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  } catch (err) {
    main.replaceChildren(h('div', { class: 'alert bad' }, `Không tải được dữ liệu: ${describeError(err)}`));
  } finally {
    main.setAttribute('aria-busy', 'false');
    main.dataset.view = view;
  }
  clearTimeout(timer);
  if (LIVE.has(view)) timer = setTimeout(() => void render(false), REFRESH_MS);
}

async function start(): Promise<void> {
  await loadSession();
  const me = await api.get('/api/v1/console/me');
  state.principal = me;
  showAccountsTab(me);
  // Usage, audit and notifications are for ops and admins (leaders get 403 there).
  const opsReader = me.roles.includes('ops') || me.roles.includes('admin');
  for (const a of document.querySelectorAll<HTMLElement>('#tabs a[data-ops]')) a.hidden = !opsReader;
  void banner().catch(() => undefined);
  byId('user').replaceChildren(
    h('strong', {}, me.displayName),
    ` · ${me.roles.map((r) => ROLE[r] ?? r).join(', ')} · ${me.orgUnitName} `,
    h('button', { type: 'button', class: 'link', id: 'logout', onclick: () => void logout() }, 'Đăng xuất'),
  );
  const { periods, current } = await api.get('/api/v1/console/periods');
  const select = byId<HTMLSelectElement>('period');
  select.append(...periods.map((p) => h('option', { value: p }, p)));
  state.period = current ?? '';
  select.value = state.period;
  select.addEventListener('change', () => {
    state.period = select.value;
    void render();
  });
  window.addEventListener('hashchange', () => void render());
  await render();
}

start().catch((err: unknown) => {
  byId('view').replaceChildren(h('div', { class: 'alert bad' }, `Không mở được bảng điều khiển: ${describeError(err)}`));
});
