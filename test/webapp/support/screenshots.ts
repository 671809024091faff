/**
 * Screenshots of each role's main page for docs/images (run against a running demo gateway):
 *   DEMO_PASSWORD=… npx tsx test/webapp/support/screenshots.ts http://127.0.0.1:8080 [outDir]
 * Desktop 1366×768 and a phone (390×844) for each role.
 */
import { demoPeriods } from '../../../src/demo/demo-traffic.js';
import { launchBrowser } from '../../support/browser.js';

const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? '';
if (!DEMO_PASSWORD) throw new Error('DEMO_PASSWORD of the running demo gateway is required');
const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'docs/images';
/** `open`: the row of "Báo cáo của đơn vị" whose report is opened first. */
const shots: { user: string | null; name: string; path: string; wait: string; open?: string }[] = [
  { user: 'nhaplieu.tamduong', name: 'app-data-entry', path: '/app/', wait: '#unit-reports' },
  { user: 'nhaplieu.tamduong', name: 'app-grid', path: '/app/', wait: '#grid' },
  {
    user: 'tonghop.tinh',
    name: 'app-list-entry',
    path: '/app/#/bao-cao',
    wait: '#list-editor',
    open: 'tr[data-form="DTC-DS01"][data-period$="-AH2"]',
  },
  { user: 'lanhdao.tamduong', name: 'app-leader', path: '/app/', wait: '#inbox-count' },
  { user: 'vanthu.tinh', name: 'app-clerk', path: '/app/', wait: '#inbox-count' },
  { user: 'tonghop.tinh', name: 'app-consolidation', path: '/app/', wait: '#sub-units' },
  { user: 'lanhdao.tinh', name: 'app-approval-grid', path: '/app/#/duyet-theo-don-vi', wait: '#approval-grid' },
  { user: null, name: 'app-public-dashboard', path: '/cong-khai/', wait: 'main h1' },
];

const browser = await launchBrowser();
const period = demoPeriods(new Date()).current;
/** Publishes the current month's approved figures so the public dashboard has something to show. */
async function publish(): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent('/app/#/cong-bo')}`);
  await page.fill('#username', 'admin');
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/auth'), { waitUntil: 'commit' }), page.click('button[type=submit]')]);
  await page.goto(`${base}/app/#/cong-bo`);
  await page.waitForSelector('#publish-form');
  await page.selectOption('#publish-form', 'KTXH-THANG-01');
  await page.waitForSelector(`#publish-period option[value="${period}"]`, { state: 'attached' });
  await page.selectOption('#publish-period', period);
  await page.click('#publish');
  await page.waitForSelector('#publish-result, .error-box');
  await page.screenshot({ path: `${out}/app-admin-publish.png` });
  await page.close();
}
try {
  await publish();
  for (const s of shots) {
    for (const [suffix, viewport] of [
      ['', { width: 1366, height: 768 }],
      ['-phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await browser.newPage({ viewport });
      if (s.user) {
        await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent(s.path)}`);
        await page.fill('#username', s.user);
        await page.fill('#password', DEMO_PASSWORD);
        await Promise.all([
          page.waitForURL((u) => !u.pathname.startsWith('/auth'), { waitUntil: 'commit' }),
          page.click('button[type=submit]'),
        ]);
        if (s.path.includes('#')) await page.goto(`${base}${s.path}`);
      } else {
        await page.goto(`${base}${s.path}`);
      }
      if (s.open) {
        await page.waitForSelector('#unit-reports');
        await page.locator(`#unit-reports ${s.open} a.open-report`).click();
      }
      if (s.wait === '#grid') {
        await page.waitForSelector('#unit-reports');
        await page.click(`#unit-reports tr[data-form="KTXH-THANG-01"][data-period="${period}"] a.open-report`);
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
