/**
 * Screenshot of the console for the README (docs/images/console.png), taken from a running
 * demo gateway: `npm start` in one terminal, then
 * `[PERIOD=] npx tsx test/console/support/screenshot.ts [baseUrl] [view] [out.png]`.
 */
import { launchBrowser } from '../../support/browser.js';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const view = process.argv[3] ?? 'overview';
const out = process.argv[4] ?? 'docs/images/console.png';

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${base}/console#${view}`);
  await page.fill('#username', process.env.DEMO_USER ?? 'vanhanh');
  await page.fill('#password', process.env.DEMO_PASSWORD ?? '');
  await Promise.all([page.waitForURL(/\/console/), page.click('button[type=submit]')]);
  await page.goto(`${base}/console#${view}`);
  await page.waitForSelector(`main[data-view="${view}"][aria-busy="false"]`);
  if (process.env.PERIOD !== undefined) {
    // '' = every period, so the picture shows reports of both months.
    await page.selectOption('#period', process.env.PERIOD);
    await page.waitForSelector(`main[data-view="${view}"][aria-busy="false"]`);
    await page.waitForTimeout(500);
  }
  // Let chart.js finish its entry animation.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
