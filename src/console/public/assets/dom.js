// Small DOM helpers: every value goes in through textContent, never as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function table(headers, rows, emptyText = 'Không có dữ liệu') {
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

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export function fmtTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
}

export function fmtDate(iso) {
  if (!iso) return 'Không có hạn';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Confirmation in the page's own dialog (testable, in Vietnamese), resolving true on "Đồng ý". */
export function confirmDialog(text) {
  const modal = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  modal.hidden = false;
  return new Promise((resolve) => {
    const done = (answer) => {
      modal.hidden = true;
      ok.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      resolve(answer);
    };
    const ok = document.getElementById('confirm-ok');
    const cancel = document.getElementById('confirm-cancel');
    const yes = () => done(true);
    const no = () => done(false);
    ok.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    ok.focus();
  });
}
