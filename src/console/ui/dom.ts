// Small DOM helpers: every value goes in through textContent, never as HTML.

type Handler = (event: Event) => unknown;
export type AttrValue = string | number | boolean | null | undefined | Handler;
export type Attrs = Record<string, AttrValue>;
type Leaf = Node | string | number | null | undefined | false;
export type Child = Leaf | Leaf[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** An element the page (index.html) always has. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the console page`);
  return el as T;
}

export function table(headers: Child[], rows: Node[], emptyText = 'Không có dữ liệu'): HTMLTableElement {
  const body = rows.length ? rows : [h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, emptyText))];
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', {}, x)),
      ),
    ),
    h('tbody', {}, body),
  );
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return 'Không có hạn';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Confirmation in the page's own dialog (testable, in Vietnamese), resolving true on "Đồng ý". */
export function confirmDialog(text: string): Promise<boolean> {
  const modal = byId('confirm');
  byId('confirm-text').textContent = text;
  modal.hidden = false;
  const ok = byId<HTMLButtonElement>('confirm-ok');
  const cancel = byId<HTMLButtonElement>('confirm-cancel');
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      modal.hidden = true;
      ok.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    ok.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    ok.focus();
  });
}
