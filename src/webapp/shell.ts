/**
 * The one HTML page every web app entry point is served as: Vietnamese, no inline script or
 * style (the CSP forbids them), the bundle named by `entry` (scripts/build-webapp.mjs builds
 * `public/build/<entry>.js`) mounting itself on #root.
 */
export function appShell(title: string, entry: 'app' | 'dashboard'): string {
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Hệ thống thông tin báo cáo tỉnh</title>
  <link rel="stylesheet" href="/app/assets/app.css">
  <script type="module" src="/app/assets/build/${entry}.js"></script>
</head>
<body>
  <a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
  <div id="root"><p class="loading" role="status">Đang tải…</p></div>
  <noscript>Trang này cần bật JavaScript.</noscript>
</body>
</html>
`;
}
