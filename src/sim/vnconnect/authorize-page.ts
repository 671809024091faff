import { TEST_PEOPLE } from './people.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The simulator's login page: pick one of the test people (Vietnamese UI, like the real portal). */
export function authorizePage(txId: string, clientId: string): string {
  const items = TEST_PEOPLE.map(
    (p) => `<li><form method="post" action="/oauth2/authorize/confirm">
  <input type="hidden" name="tx" value="${escapeHtml(txId)}"><input type="hidden" name="person" value="${escapeHtml(p.sub)}">
  <button type="submit" data-person="${escapeHtml(p.SoDinhDanh)}">${escapeHtml(p.HoVaTen)}</button>
  <small>Số định danh ${escapeHtml(p.SoDinhDanh)} — ${escapeHtml(p.note)}</small></form></li>`,
  ).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>VNConnect (mô phỏng) — Đăng nhập</title></head>
<body><h1>Cổng Dịch vụ công quốc gia — VNConnect (mô phỏng)</h1>
<p>Ứng dụng <b>${escapeHtml(clientId)}</b> yêu cầu đăng nhập. Chọn tài khoản thử nghiệm:</p>
<ul>${items}</ul></body></html>`;
}
