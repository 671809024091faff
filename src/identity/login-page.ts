const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Vietnamese messages for the codes a person can meet on the login page. */
const MESSAGES: Record<string, string> = {
  CREDENTIALS_INVALID: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  ACCOUNT_LOCKED: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
  ACCOUNT_DISABLED: 'Tài khoản đã bị vô hiệu hóa.',
  ACCOUNT_PENDING: 'Tài khoản đang chờ phê duyệt.',
  REQUEST_INVALID: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  ORIGIN_FORBIDDEN: 'Yêu cầu đăng nhập không hợp lệ (đến từ trang web khác).',
};

export function loginErrorMessage(code: string): string {
  if (MESSAGES[code]) return MESSAGES[code];
  if (code.startsWith('OIDC_STATE')) return 'Phiên đăng nhập VNConnect đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.';
  if (code.startsWith('TOKEN_') || code.startsWith('OIDC_') || code === 'USERINFO_SUBJECT_MISMATCH') {
    return 'Đăng nhập bằng VNConnect không thành công: thông tin xác thực không hợp lệ.';
  }
  return 'Đăng nhập không thành công.';
}

/** GET /auth/login: local account form and the VNConnect button. */
export function loginPage(opts: { error?: { code: string; message: string }; returnTo?: string; pendingName?: string }): string {
  const error = opts.error
    ? `<p role="alert" class="error" data-code="${escapeHtml(opts.error.code)}">${escapeHtml(opts.error.message)}</p>`
    : '';
  // A signed-in person without rights yet (first VNConnect login, unmapped) lands here from the console.
  const pending = opts.pendingName
    ? `<p role="status" id="pending" class="pending">Xin chào ${escapeHtml(opts.pendingName)}. Tài khoản đang chờ phê duyệt: quản trị viên cần gán đơn vị và vai trò trước khi bạn sử dụng hệ thống.</p>`
    : '';
  const returnTo = opts.returnTo ? `<input type="hidden" name="returnTo" value="${escapeHtml(opts.returnTo)}">` : '';
  const oidcHref = `/auth/oidc/start${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập — Hệ thống liên thông báo cáo</title>
<link rel="stylesheet" href="/auth/assets/login.css"></head>
<body><h1>Đăng nhập</h1><p>Hệ thống liên thông báo cáo tỉnh</p>${pending}${error}
<a class="sso" id="vnconnect" href="${escapeHtml(oidcHref)}">Đăng nhập bằng VNConnect</a>
<form method="post" action="/auth/login"><h2>Tài khoản nội bộ</h2>${returnTo}
<label for="username">Tên đăng nhập</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form></body></html>`;
}

/** Only same-site relative paths may be a post-login target (no open redirect). */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : undefined;
}
