import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs } from './support/app-browser.js';
import { listAudit } from '../../src/store/audit-log.js';

const REGIME = 'KTXH-THANG';

/**
 * The province's administrator sets how a regime's reports travel, in the browser (Kon Tum
 * 10.3, Hòa Bình 7.2): the clerk's step after signing or automatic dispatch, which reports go
 * national, who receives each kind of unit's report. A leader has no such tab.
 */
describe('reporting app: the admin sets how a regime is sent', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    await h.core.regimes.setAutoDispatch(REGIME, true);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the admin turns on the clerk step, keeps only the consolidated report national and sends departments to the province', async () => {
    const before = await h.core.regimes.require(REGIME);
    const page = await loginAs(browser, h.base, 'admin');
    // The admin lands on the ops console; the app has his tab.
    await page.goto(`${h.base}/app/`);
    await page.getByRole('link', { name: 'Cách gửi báo cáo' }).click();
    const card = page.locator(`form[data-regime="${REGIME}"]`);
    await card.waitFor();
    // What the regime holds now: automatic dispatch.
    expect(await card.locator('input[value="auto"]').isChecked()).toBe(true);
    await card.locator('input[value="clerk"]').check();
    await card.locator(`#routing-${REGIME}-national`).selectOption('receiver');
    const department = card.locator(`#routing-${REGIME}-receiver-department`);
    if ((await department.count()) > 0) await department.selectOption('lai-chau');
    await card.locator(`#routing-${REGIME}-receiver-commune`).selectOption('parent');
    await card.getByRole('button', { name: 'Lưu cách gửi' }).click();
    await page.waitForSelector(`#routing-${REGIME}-saved`);
    expect(await page.textContent(`#routing-${REGIME}-saved`)).toContain('Đã lưu cách gửi');
    await expectNoAxeViolations(page, 'regime routing');
    // SCREENSHOT_DIR=docs/images: the picture in the README.
    if (process.env.SCREENSHOT_DIR) await card.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-regime-routing.png` });

    const after = await h.core.regimes.require(REGIME);
    expect(after.autoDispatch).toBe(false);
    expect(after.routing?.national).toBe('receiver');
    expect(after.routing?.receivers?.commune).toBe('parent');
    if ((await department.count()) > 0) expect(after.routing?.receivers?.department).toEqual({ orgUnitId: 'lai-chau' });
    // Nothing else of the regime changed.
    expect({ ...after, autoDispatch: before.autoDispatch, routing: before.routing }).toEqual(before);
    // Audited as the admin's act.
    const audit = (await listAudit(h.t.db, { subject: REGIME })).filter((a) => a.action === 'regime.routing_update');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ before: { autoDispatch: true }, after: { autoDispatch: false } });

    // A reload shows what the server kept.
    await page.reload();
    await card.waitFor();
    expect(await card.locator('input[value="clerk"]').isChecked()).toBe(true);
    await page.context().close();
  });

  it('a leader has no tab for it, and the server refuses the same change from him', async () => {
    const before = await h.core.regimes.require(REGIME);
    const page = await loginAs(browser, h.base, 'lanhdao.tinh');
    await page.waitForSelector('nav.main');
    expect(await page.getByRole('link', { name: 'Cách gửi báo cáo' }).count()).toBe(0);
    const status = (await page.evaluate(`(async () => {
      const session = await (await fetch('/api/v1/session')).json();
      const r = await fetch('/api/v1/regimes/${REGIME}/routing', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ autoDispatch: ${!before.autoDispatch} }),
      });
      return r.status;
    })()`)) as number;
    expect(status).toBe(403);
    expect(await h.core.regimes.require(REGIME)).toEqual(before);
    await page.context().close();
  });
});
