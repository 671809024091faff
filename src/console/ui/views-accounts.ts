// Tài khoản bị khóa: accounts locked out after failed logins, and the admin's unlock (identity's
// POST /api/v1/users/{id}/unlock). Only admins see the tab; the API checks the role again.
import type { ApiSchema } from '../../shared/api-client.js';
import { api, type Me } from './api.js';
import { confirmDialog, fmtTime, h, section, table } from './dom.js';
import { describeError, type View } from './view.js';

type LockedAccount = ApiSchema<'api.identity.locked-users'>['accounts'][number];

const isAdmin = (principal: Me | null) => Boolean(principal && principal.roles.includes('admin'));

/** Shows the tab to admins only: for anyone else the list would be a refusal. */
export function showAccountsTab(principal: Me): void {
  const tab = document.querySelector<HTMLElement>('#tabs a[data-view="accounts"]');
  if (tab) tab.hidden = !isAdmin(principal);
}

async function unlock(account: LockedAccount, row: HTMLTableRowElement, result: HTMLElement): Promise<void> {
  const { user } = account;
  if (!(await confirmDialog(`Mở khóa tài khoản ${user.displayName} (${user.username})? Mọi nguồn đang bị chặn đăng nhập sẽ được gỡ.`)))
    return;
  const button = row.querySelector('button')!;
  button.disabled = true;
  try {
    const r = await api.post('/api/v1/users/{id}/unlock', { params: { path: { id: user.id } } });
    row.classList.add('resolved');
    row.querySelector('.state')!.replaceChildren(h('span', { class: 'badge ok' }, 'Đã mở khóa'));
    result.className = 'result ok';
    result.textContent = `Đã mở khóa ${user.username}: gỡ ${r.unlocked} lượt khóa.`;
  } catch (err) {
    button.disabled = false;
    result.className = 'result warn';
    result.textContent = `Không mở khóa được ${user.username}: ${describeError(err)}`;
  }
}

export const accounts: View = async ({ principal }) => {
  if (!isAdmin(principal)) {
    return [section('Tài khoản bị khóa', h('div', { class: 'alert bad' }, 'Chỉ quản trị viên xem và mở khóa tài khoản.'))];
  }
  const { accounts: locked } = await api.get('/api/v1/users/locked');
  const result = h('div', { class: 'result', role: 'status', 'aria-live': 'polite' });
  const rows = locked.map((a) => {
    const row = h(
      'tr',
      { 'data-username': a.user.username },
      h('td', {}, h('strong', {}, a.user.displayName), h('div', { class: 'hint' }, a.user.username)),
      h('td', { class: 'num' }, a.sources),
      h('td', {}, fmtTime(a.lockedUntil)),
      h('td', { class: 'state' }, h('span', { class: 'badge bad' }, 'Đang bị khóa')),
      h('td', {}, h('button', { type: 'button', class: 'unlock' }, 'Mở khóa')),
    );
    row.querySelector('button')!.addEventListener('click', () => void unlock(a, row, result));
    return row;
  });
  return [
    section(
      'Tài khoản bị khóa',
      h(
        'p',
        { class: 'hint' },
        'Tài khoản bị khóa tạm thời sau nhiều lần đăng nhập sai từ cùng một nguồn (địa chỉ). Mở khóa gỡ mọi nguồn và được ghi vào nhật ký kiểm toán.',
      ),
      table(['Tài khoản', 'Số nguồn bị chặn', 'Khóa đến', 'Trạng thái', ''], rows, 'Không có tài khoản nào đang bị khóa'),
      result,
    ),
  ];
};
