import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods, DemoTraffic } from '../../src/demo/demo-traffic.js';
import { driveReceiver } from '../../src/demo/report-driver.js';
import type { Principal } from '../../src/http/principal.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { listAudit } from '../../src/store/audit-log.js';
import { buildFrontEnds, launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from './support/real-gateway.js';

const FORM = 'KTXH-THANG-01';
const ADMIN: Principal = { kind: 'user', id: 'test-admin', displayName: 'test', roles: ['admin'], orgUnitId: 'lai-chau' };

/**
 * The console in real headless Chromium on the real gateway: log in with the local form,
 * read the sync status, re-run packets the national simulator refused (session cookie + CSRF
 * token) and see them delivered. On the routed path only the province's consolidated report
 * goes national: a commune's report received, the province's consolidated report is sent, refused,
 * consolidated and sent again as the next version, three times.
 */
describe('console in a browser, real gateway', { timeout: 240_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];
  /** The commune whose report the province received: its figures are the ones charted. */
  let communeUnit = '';

  beforeAll(async () => {
    h = await startRealGateway();
    const period = demoPeriods(new Date()).current;
    // The national system refuses the next three signatures: three versions of the province's report end up rejected.
    h.national.faults.set({ mode: 'reject-signature', remaining: 3 });
    const traffic = new DemoTraffic(h.core, h.submissions);
    const outcome = (await traffic.send(period, 1)).find((o) => 'submissionId' in o);
    expect(outcome && 'national' in outcome ? outcome.national?.state : outcome).toBe('sent');
    if (outcome && 'submissionId' in outcome)
      communeUnit = (await h.submissions.service.get(ADMIN, outcome.submissionId)).submission.orgUnitId;
    const [province] = await h.core.assignments.list({ periodKey: period, formCode: FORM, orgUnitIds: ['lai-chau'] });
    for (let i = 1; i <= 3; i++) {
      // Each refusal recorded, the province office consolidates again and sends the next version.
      if (i > 1) expect((await driveReceiver(h.core, h.submissions, province!, traffic.random))?.state).toBe('sent');
      for (;;) {
        const [own] = await h.submissions.service.list(ADMIN, { periodKey: period, formCode: FORM, orgUnitId: 'lai-chau', limit: 1 });
        const packets = own ? await h.delivery.listPackets({ submissionId: own.id }) : [];
        const rejected = packets.filter((p) => p.state === 'rejected');
        if (own?.state === 'refused' && rejected.length === i) {
          refused.splice(0, refused.length, ...rejected.map((p) => p.packetId));
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    buildFrontEnds(); // the console's bundle, as `npm start` builds it
    browser = await launchBrowser();
    page = await browser.newPage();
    // A gateway start and three signed versions, national answers included: minutes on two shared cores.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('sends a visitor without a session to the login page and back to the console after login', async () => {
    await page.goto(`${h.base}/console`);
    expect(new URL(page.url()).pathname).toBe('/auth/login');
    await page.fill('#username', 'vanhanh');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${h.base}/console`), page.click('button[type=submit]')]);
    await page.waitForSelector('#user strong');
    const user = await page.textContent('#user');
    expect(user).toContain('Vận hành');
    expect(user).toContain('Ủy ban nhân dân tỉnh Lai Châu');
  });

  it('shows the sync status with the refused reports first', async () => {
    await page.waitForSelector('main[data-view="overview"] [data-state="rejected"]');
    expect(await page.textContent('[data-state="rejected"] .n')).toBe('3');
    const first = page.locator('tr[data-submission]').first();
    expect(await first.locator('td').nth(3).textContent()).toBe('Bị từ chối');
  });

  it('re-runs one refused packet after confirmation and shows its new state', async () => {
    await page.click('a[data-view="dead"]');
    const id = refused[0]!;
    const row = page.locator(`tr[data-packet="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('rejected');
    // Why: the packet's attempts, with the national system's stable code.
    await row.locator('code.packet').click();
    await page.waitForSelector('tr.history');
    expect(await page.textContent('tr.history')).toContain('NATIONAL_SIGNATURE_REJECTED');
    await row.locator('button.rerun').click();
    await page.waitForSelector('#confirm:not([hidden])');
    expect(await page.textContent('#confirm-text')).toContain('Chạy lại 1 gói tin');
    await page.click('#confirm-ok');
    await page.waitForSelector(`tr[data-packet="${id}"]:not([data-state="rejected"])`);
    expect(['queued', 'sending', 'delivered', 'acknowledged']).toContain(await row.getAttribute('data-state'));
    expect(await page.textContent('.result')).toContain('Đã đưa lại hàng đợi: 1');
    // The simulator accepts signatures again: the re-run packet reaches the national system.
    await h.waitForStates([id], ['acknowledged']);
    const [audit] = await listAudit(h.t.db, { action: 'console.replay' });
    expect(audit?.details).toMatchObject({ requeued: [id] });
  });

  it('re-runs the selected packets in bulk, with a progress bar and a result', async () => {
    for (const id of refused.slice(1)) await page.check(`input.pick[value="${id}"]`);
    await page.click('#rerun-selected');
    await page.click('#confirm-ok');
    await page.waitForSelector('.result.ok');
    expect(await page.getAttribute('progress', 'value')).toBe('2');
    expect(await page.textContent('.result')).toContain('Đã đưa lại hàng đợi: 2');
    await h.waitForStates(refused, ['acknowledged']);
  });

  it('shows timeliness per unit and draws an indicator chart', async () => {
    await page.click('a[data-view="timeliness"]');
    await page.waitForSelector('main[data-view="timeliness"] tr[data-unit]');
    expect(await page.textContent('main')).toContain('Đúng hạn');
    await page.click('a[data-view="charts"]');
    await page.waitForSelector('#chart-unit');
    // The province's refused report has no approved figures; the commune's received report has.
    await page.selectOption('#chart-unit', communeUnit);
    await page.waitForSelector('#chart-indicator option', { state: 'attached' });
    // chart.js is inside the console's bundle (no global): the chart is drawn when the canvas has
    // painted pixels. Polled with evaluate (a function run through the devtools protocol):
    // waitForFunction needs eval, which the console's CSP forbids.
    const drawn = `(() => {
      const c = document.getElementById('indicator-chart');
      const px = c && c.width && c.height ? c.getContext('2d').getImageData(0, 0, c.width, c.height).data : [];
      return Array.prototype.some.call(px, (v, i) => i % 4 === 3 && v > 0);
    })()`;
    while (!(await page.evaluate(drawn))) await page.waitForTimeout(100);
  });

  it('logs out: the session ends and the console asks for a login again', async () => {
    await Promise.all([page.waitForURL(/\/auth\/login/), page.click('#logout')]);
    await page.goto(`${h.base}/console`);
    expect(new URL(page.url()).pathname).toBe('/auth/login');
  });
});
