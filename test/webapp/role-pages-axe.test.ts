import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/report-driver.js';
import { plausibleValues, seededRandom } from '../../src/demo/plausible-values.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const COMMUNE = 'lc-x-tam-duong';
/** Every demo account that works in the app (ops and admin land on the console; admin's app pages too). */
const ACCOUNTS = ['nhaplieu.tamduong', 'lanhdao.tamduong', 'vanthu.tamduong', 'tonghop.tinh', 'lanhdao.tinh', 'vanthu.tinh', 'admin'];

/** The page has drawn its content: a heading and no "Đang tải…" left. */
async function settled(page: Page): Promise<void> {
  // Polled through evaluate: the app's CSP (script-src 'self') refuses waitForFunction's string predicates.
  await expect
    .poll(
      () =>
        page.evaluate(
          `Boolean(document.querySelector('main h1')) && ![...document.querySelectorAll('main [role=status]')].some((e) => e.textContent === 'Đang tải…')`,
        ),
      { timeout: 60_000 },
    )
    .toBe(true);
}

/**
 * axe-core (WCAG 2.1 A/AA) on every list page of every role — its home, each tab of its
 * navigation (Chờ phê duyệt, Chờ gửi, Báo cáo của đơn vị, Tổng hợp, Duyệt theo đơn vị, Công khai
 * số liệu) — at 1366×768 and on a phone, with work waiting in the inboxes (a report submitted to
 * the commune leader, one approved for the commune clerk).
 */
describe('reporting app: no WCAG 2.1 A/AA violation on any role’s list pages', { timeout: 600_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const { current, previous } = demoPeriods(new Date());

  beforeAll(async () => {
    buildWebapp();
    // Last month's report is entered here after its deadline (history for the pages); the lock has its own browser test.
    h = await startRealGateway({ ENTRY_LOCK_AT_DEADLINE: 'false' });
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    await h.core.assignments.generate('KTXH-THANG', previous);
    const form = await h.core.forms.require(FORM);
    const entry = demoActor(COMMUNE, 'data_entry');
    for (const [period, approve] of [
      [current, false],
      [previous, true],
    ] as const) {
      const [assignment] = await h.core.assignments.list({ periodKey: period, formCode: FORM, orgUnitIds: [COMMUNE] });
      const draft = await h.submissions.service.create(entry, { assignmentId: assignment!.id });
      await h.submissions.service.saveValues(entry, draft.id, plausibleValues(form, seededRandom(period.length + (approve ? 1 : 0))));
      await h.submissions.service.transition(entry, draft.id, 'submit');
      if (approve) await h.submissions.service.transition(demoActor(COMMUNE, 'leader'), draft.id, 'approve');
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  for (const [viewport, size] of [
    ['desktop', { width: 1366, height: 768 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`every tab of every role, ${viewport}`, async () => {
      let pages = 0;
      for (const user of ACCOUNTS) {
        const page = await loginAs(browser, h.base, user, size);
        if (!page.url().includes('/app/')) await page.goto(`${h.base}/app/`);
        await settled(page);
        const tabs = await page.locator('nav.main a[href^="#/"]').evaluateAll((els) => els.map((e) => e.getAttribute('href')!));
        expect(tabs.length, user).toBeGreaterThan(0);
        for (const tab of tabs) {
          await page.locator(`nav.main a[href="${tab}"]`).click();
          await page.waitForSelector(`nav.main a[href="${tab}"][aria-current="page"]`);
          await settled(page);
          await expectNoAxeViolations(page, `${user} ${tab} (${viewport})`);
          pages++;
        }
        await page.context().close();
      }
      // 7 accounts, each with at least its home and "Báo cáo của đơn vị".
      expect(pages).toBeGreaterThanOrEqual(ACCOUNTS.length * 2 - 1);
    });
  }

  it('the leader and the clerk find the waiting reports in their inboxes (the pages checked are not empty)', async () => {
    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await leader.waitForSelector('#inbox-count');
    expect(await leader.locator('table.inbox tr[data-submission]').count()).toBe(1);
    await leader.context().close();
    const clerk = await loginAs(browser, h.base, 'vanthu.tamduong');
    await clerk.waitForSelector('#inbox-count');
    expect(await clerk.locator('table.inbox tr[data-submission]').count()).toBe(1);
    await clerk.context().close();
  });
});
