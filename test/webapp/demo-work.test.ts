import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import type { Principal } from '../../src/http/principal.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, loginAs } from './support/app-browser.js';

const ADMIN: Principal = { kind: 'user', id: 'test-admin', displayName: 'test', roles: ['admin'], orgUnitId: 'lai-chau' };

/**
 * The demo module as `npm start` runs it (traffic at start, no trickle, no incident): every
 * demo account (3 data entry, 3 leaders, 2 clerks) logs in and finds work waiting on its home page (issue 15).
 */
describe('demo: work waiting for every demo account', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const { previous } = demoPeriods(new Date());

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway(
      { DEMO_TRAFFIC: 'true', DEMO_INITIAL_REPORTS: '1', DEMO_LATE_REPORTS: '1', DEMO_INTERVAL_MS: '0', DEMO_INCIDENT_AFTER_MS: '0' },
      { demo: true },
    );
    // The demo's last step: the province's previous report approved again, left for its clerk.
    for (;;) {
      const [own] = await h.submissions.service.list(ADMIN, {
        periodKey: previous,
        formCode: 'KTXH-THANG-01',
        orgUnitId: 'lai-chau',
        limit: 1,
      });
      if (own?.state === 'approved') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('each data-entry user has a draft on "Báo cáo của đơn vị"', async () => {
    for (const user of ['nhaplieu.tamduong', 'nhaplieu.binhlu', 'tonghop.tinh']) {
      const page = await loginAs(browser, h.base, user);
      await page.goto(`${h.base}/app/#/bao-cao`);
      await page.waitForSelector('#unit-reports');
      expect(await page.locator('#unit-reports tr[data-status="draft"]').count(), user).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it('each leader has a report in "Chờ phê duyệt" and each clerk one in "Chờ gửi"', async () => {
    for (const user of ['lanhdao.tamduong', 'lanhdao.binhlu', 'lanhdao.tinh', 'vanthu.tamduong', 'vanthu.tinh']) {
      const page = await loginAs(browser, h.base, user);
      await page.waitForSelector('#inbox-count');
      expect(await page.locator('table.inbox tr[data-submission]').count(), user).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it('the province office has a sub-unit report waiting on its consolidation page', async () => {
    const page = await loginAs(browser, h.base, 'tonghop.tinh');
    await page.waitForSelector('#sub-units');
    await page.selectOption('#consolidation-form', 'KTXH-6THANG-01');
    await page.waitForSelector(`#consolidation-period option[value="${new Date().getUTCFullYear()}-H1"]`, { state: 'attached' });
    await page.selectOption('#consolidation-period', `${new Date().getUTCFullYear()}-H1`);
    await page.waitForSelector('#sub-units tr[data-unit="lc-x-binh-lu"][data-status="sent"]');
    await page.context().close();
  });
});
