/**
 * Screenshots of each role's main page for docs/images (run against a running demo gateway):
 *   DEMO_PASSWORD=… npx tsx test/webapp/support/screenshots.ts http://127.0.0.1:8080 [outDir]
 * Desktop 1366×768 and a phone (390×844) for each role.
 */
import { launchBrowser } from '../../support/browser.js';

const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'LaiChau@2026';
const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'docs/images';
const shots: { user: string | null; name: string; path: string; wait: string }[] = [
  { user: 'nhaplieu.tamduong', name: 'app-data-entry', path: '/app/', wait: '#unit-reports' },
  { user: 'lanhdao.tamduong', name: 'app-leader', path: '/app/', wait: '#inbox-count' },
  { user: 'vanthu.tinh', name: 'app-clerk', path: '/app/', wait: '#inbox-count' },
  { user: 'tonghop.tinh', name: 'app-consolidation', path: '/app/', wait: 'main h1' },
  { user: null, name: 'app-public-dashboard', path: '/cong-khai/', wait: 'main h1' },
];

const browser = await launchBrowser();
try {
  for (const s of shots) {
    for (const [suffix, viewport] of [['', { width: 1366, height: 768 }], ['-phone', { width: 390, height: 844 }]] as const) {
      const page = await browser.newPage({ viewport });
      if (s.user) {
        await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent(s.path)}`);
        await page.fill('#username', s.user);
        await page.fill('#password', DEMO_PASSWORD);
        await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/auth'), { waitUntil: 'commit' }), page.click('button[type=submit]')]);
      } else {
        await page.goto(`${base}${s.path}`);
      }
      await page.waitForSelector(s.wait, { timeout: 30_000 }).catch(() => undefined);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${out}/${s.name}${suffix}.png`, fullPage: false });
      console.log(`${out}/${s.name}${suffix}.png`);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
