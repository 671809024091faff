import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SubmissionsServices } from '../../src/core/submissions/module.js';
import { DemoTraffic } from '../../src/demo/demo-traffic.js';
import { DEMO_PASSWORD } from '../../src/identity/seed-demo.js';
import { listAudit } from '../../src/store/audit-log.js';
import { launchBrowser } from '../support/browser.js';
import { startConsoleGateway, type ConsoleHarness } from './support/console-gateway.js';

/**
 * The console in real headless Chromium: log in with the identity module's local form, read
 * the sync status, re-run a dead letter (session cookie + CSRF token) and see its new state.
 */
describe('console in a browser', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startConsoleGateway({ auth: 'identity' });
    const traffic = new DemoTraffic(h.core, h.gw.ctx.services.submissions as SubmissionsServices);
    await traffic.assign('2027-M02');
    await traffic.send('2027-M02', 1);
    const p = { periodKey: '2027-M02', attempts: 8 };
    h.delivery.add({ ...p, packetId: 'p-dead-1', state: 'dead', orgUnitId: 'lc-so-tai-chinh', lastErrorCode: 'NATIONAL_UNAVAILABLE', lastErrorMessage: 'ECONNRESET' });
    h.delivery.add({ ...p, packetId: 'p-dead-2', state: 'dead', orgUnitId: 'lc-so-y-te', lastErrorCode: 'NATIONAL_TIMEOUT', lastErrorMessage: 'timeout' });
    h.delivery.add({ ...p, packetId: 'p-dead-3', state: 'dead', orgUnitId: 'lc-x-sin-ho', lastErrorCode: 'NATIONAL_TIMEOUT', lastErrorMessage: 'timeout' });
    h.delivery.add({ ...p, packetId: 'p-ack', state: 'acknowledged', orgUnitId: 'lc-x-binh-lu', attempts: 1 });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
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

  it('shows the sync status: packets per state and the report rows', async () => {
    await page.waitForSelector('main[data-view="overview"] [data-state="dead"]');
    expect(await page.textContent('[data-state="dead"] .n')).toBe('3');
    expect(await page.textContent('[data-state="acknowledged"] .n')).toBe('1');
    expect(await page.locator('tr[data-submission]').count()).toBe(4);
  });

  it('re-runs one dead letter after confirmation and shows its new state', async () => {
    await page.click('a[data-view="dead"]');
    const row = page.locator('tr[data-packet="p-dead-1"]');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('dead');
    await row.locator('button.rerun').click();
    await page.waitForSelector('#confirm:not([hidden])');
    expect(await page.textContent('#confirm-text')).toContain('Chạy lại 1 gói tin');
    await page.click('#confirm-ok');
    await page.waitForSelector('tr[data-packet="p-dead-1"][data-state="queued"]');
    expect(await row.locator('td.state').textContent()).toBe('Chờ gửi');
    expect(await page.textContent('.result')).toContain('Đã đưa lại hàng đợi: 1');
    expect(h.delivery.packets.find((p) => p.packetId === 'p-dead-1')?.state).toBe('queued');
    const [audit] = await listAudit(h.t.db, { action: 'console.replay' });
    expect(audit?.details).toMatchObject({ requeued: ['p-dead-1'] });
  });

  it('re-runs the selected dead letters in bulk, with a progress bar and a result', async () => {
    await page.check('input.pick[value="p-dead-2"]');
    await page.check('input.pick[value="p-dead-3"]');
    await page.click('#rerun-selected');
    await page.click('#confirm-ok');
    await page.waitForSelector('tr[data-packet="p-dead-3"][data-state="queued"]');
    expect(await page.getAttribute('progress', 'value')).toBe('2');
    expect(await page.textContent('.result')).toContain('Đã đưa lại hàng đợi: 2');
    expect(h.delivery.replays.at(-1)).toMatchObject({ ids: ['p-dead-2', 'p-dead-3'] });
  });

  it('shows timeliness per unit and draws an indicator chart', async () => {
    await page.click('a[data-view="timeliness"]');
    await page.waitForSelector('main[data-view="timeliness"] tr[data-unit]');
    expect(await page.textContent('main')).toContain('Đúng hạn');
    await page.click('a[data-view="charts"]');
    await page.waitForSelector('#chart-unit');
    await page.selectOption('#chart-unit', 'lc-cuc-thong-ke');
    // Evaluated in the page (strings: the test project has no DOM typings).
    await page.waitForFunction('document.querySelector("#chart-indicator").options.length > 0');
    await page.waitForFunction('Boolean(window.Chart && window.Chart.getChart("indicator-chart"))');
  });
});
