import type { ReceivedMail, ReceivedWebhook } from './smtp-simulator.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The simulator's inbox as a plain page (no script, no style): what the demo's mail server received. */
export function inboxPage(mails: ReceivedMail[], webhooks: ReceivedWebhook[]): string {
  const mailRows = [...mails]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${esc(m.receivedAt)}</td><td>${esc(m.to.join(', '))}</td><td>${esc(m.subject)}</td><td><pre>${esc(m.text)}</pre></td></tr>`,
    )
    .join('');
  const hookRows = [...webhooks]
    .reverse()
    .map(
      (w) =>
        `<tr><td>${esc(w.receivedAt)}</td><td>${w.signatureValid ? 'Hợp lệ' : `Không hợp lệ (${esc(w.problem ?? '')})`}</td><td><pre>${esc(JSON.stringify(w.body, null, 2))}</pre></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hộp thư mô phỏng</title></head><body>
<h1>Hộp thư mô phỏng (máy chủ thư của tỉnh)</h1>
<p>${mails.length} thư, ${webhooks.length} webhook đã nhận.</p>
<h2>Thư điện tử</h2>
<table border="1"><thead><tr><th>Nhận lúc</th><th>Người nhận</th><th>Tiêu đề</th><th>Nội dung</th></tr></thead><tbody>${mailRows || '<tr><td colspan="4">Chưa có thư</td></tr>'}</tbody></table>
<h2>Webhook</h2>
<table border="1"><thead><tr><th>Nhận lúc</th><th>Chữ ký</th><th>Nội dung</th></tr></thead><tbody>${hookRows || '<tr><td colspan="3">Chưa có webhook</td></tr>'}</tbody></table>
</body></html>`;
}
