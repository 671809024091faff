import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, localDateOf } from '../../src/core/calendar/index.js';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/actors.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, typeCell, waitForSaved, waitForState } from './support/app-browser.js';

const FORM = 'KTXH-THANG-HAN';
const COMMUNE = 'lc-x-tam-duong';
const LABEL = 'Tổng thu ngân sách nhà nước trên địa bàn – Thực hiện tháng báo cáo';
/** Today in Vietnam is the deadline; the gateway's clock is moved to 23:59 and then 00:01 around its end. */
const DEADLINE = localDateOf(new Date());
const AT_2359 = new Date(`${DEADLINE}T23:59:00+07:00`);
const AT_0001 = new Date(`${addDays(DEADLINE, 1)}T00:01:00+07:00`);

/** The page's clock held at the gateway's instant, so the countdown reads what the server would decide. */
async function holdClock(page: Page, at: Date): Promise<void> {
  await page.clock.setFixedTime(at);
}

/**
 * The deadline lock in the browser (#15): at 23:59 on the deadline day the commune enters and
 * the page counts down; at 00:01 the page locks itself without a reload, the server refuses the
 * same edit, the officer asks for an extension with a reason; the province leader grants it on
 * "Đề nghị gia hạn"; the officer enters again and submits.
 */
describe('reporting app: entry locks at the deadline and reopens with an extension', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const clock = { now: AT_2359 };
  const period = demoPeriods(new Date()).current;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway({}, { now: () => clock.now });
    await h.core.forms.create({
      code: FORM,
      name: 'Biểu thu ngân sách (kiểm tra hạn nộp)',
      type: 'data',
      regimeCode: 'KTXH-THANG',
      rows: [{ indicatorCode: '0207', order: 1, label: 'Tổng thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng' }],
      columns: [{ code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' }],
      constraints: [],
    });
    await h.core.assignments.generate('KTXH-THANG', period, { orgUnitIds: [COMMUNE], deadline: DEADLINE });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('counts down at 23:59, locks at 00:01 on both sides, an extension granted above reopens entry', async () => {
    const page = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await holdClock(page, AT_2359);
    await page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"] a.open-report`).click();
    await page.waitForSelector('#grid');
    expect(await page.getAttribute('#entry-lock', 'data-locked')).toBe('false');
    expect(await page.textContent('#countdown')).toBe('1 phút 00 giây');
    await typeCell(page, LABEL, '120');
    await waitForSaved(page);
    const id = (await page.getAttribute('article', 'data-submission'))!;
    expect((await h.submissions.service.get(demoActor(COMMUNE, 'data_entry'), id)).values.map((v) => v.value)).toEqual([120]);

    clock.now = AT_0001;
    await holdClock(page, AT_0001);
    await page.waitForSelector('#entry-lock[data-locked="true"]');
    expect(await page.getByLabel(LABEL, { exact: true }).getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('button[data-action="submit"]').count()).toBe(0);
    const server = await h.submissions.service
      .saveValues(demoActor(COMMUNE, 'data_entry'), id, [{ indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 999 }])
      .catch((e: { code?: string }) => e.code);
    expect(server).toBe('ENTRY_LOCKED');
    expect(await page.getAttribute('#extensions', 'open')).not.toBeNull();
    await page.fill('#extension-until', addDays(DEADLINE, 3));
    await page.fill('#extension-reason', 'Mất điện do mưa lũ, chưa tổng hợp được số liệu thôn bản');
    await page.click('#extension-form button[type=submit]');
    await page.waitForSelector('#extensions li[data-status="pending"]');
    await expectNoAxeViolations(page, 'locked report with an extension request');
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-deadline-lock.png`, fullPage: true });

    const leader = await loginAs(browser, h.base, 'lanhdao.tinh');
    await holdClock(leader, AT_0001);
    await leader.getByRole('link', { name: 'Đề nghị gia hạn', exact: true }).click();
    const request = leader.locator(`#extension-requests li[data-unit="${COMMUNE}"]`);
    await request.waitFor();
    expect(await request.textContent()).toContain('Mất điện do mưa lũ');
    await expectNoAxeViolations(leader, 'extension requests');
    if (process.env.SCREENSHOT_DIR) await leader.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-extensions.png` });
    await request.locator('button[data-action="grant"]').click();
    await leader.waitForSelector('#extensions-count');
    await leader.locator(`#extension-requests li[data-unit="${COMMUNE}"]`).waitFor({ state: 'detached' });
    await leader.context().close();

    await page.reload();
    await page.waitForSelector('#entry-lock[data-locked="false"]');
    expect(await page.textContent('#extensions li[data-status="granted"]')).toContain(`đến hết ngày`);
    await typeCell(page, LABEL, '125');
    await waitForSaved(page);
    await page.click('button[data-action="submit"]');
    await waitForState(page, 'submitted');
    await page.context().close();
  });
});
