import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/report-driver.js';
import { previousPeriodKey } from '../../src/core/submissions/previous-period.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, typeCell, waitForSaved, waitForState } from './support/app-browser.js';

const FORM = 'KTXH-THANG-BT';
const COMMUNE = 'lc-x-tam-duong';
const CELL = '0207|THIS_PERIOD';
const LABEL = 'Tổng thu ngân sách nhà nước trên địa bàn – Thực hiện tháng báo cáo';
const HISTORY = [100, 102, 98, 101, 99, 103, 97, 100, 102, 98, 101, 99];

/**
 * Outliers against the unit's own history in the browser (#15), with OUTLIER_COMMENT_REQUIRED:
 * data entry types a figure far from the commune's last twelve months; after the save the
 * warning names the median and the same month last year; a click on it focuses the cell; submit
 * is refused until the cell has a comment; once explained the report goes to the leader.
 */
describe('reporting app: an outlier against the unit history needs an explanation', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const period = demoPeriods(new Date()).current;
  const entry = demoActor(COMMUNE, 'data_entry');

  beforeAll(async () => {
    buildWebapp();
    // Twelve past months are entered after their deadlines (history loaded for the test); the lock has its own browser test.
    h = await startRealGateway({ OUTLIER_COMMENT_REQUIRED: 'true', ENTRY_LOCK_AT_DEADLINE: 'false' });
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    await h.core.forms.create({
      code: FORM,
      name: 'Biểu thu ngân sách (kiểm tra bất thường)',
      type: 'data',
      regimeCode: 'KTXH-THANG',
      rows: [
        { indicatorCode: '0207', order: 1, label: 'Tổng thu ngân sách nhà nước trên địa bàn', unit: 'tỷ đồng' },
        { indicatorCode: '0208', order: 2, label: 'Trong đó: Thu nội địa', unit: 'tỷ đồng' },
      ],
      columns: [{ code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' }],
      constraints: [],
      plausibility: [{ id: 'lich-su', type: 'outlier', rows: ['0207'] }],
    });
    // The commune's last twelve months, reported.
    const months: string[] = [];
    for (let k = previousPeriodKey(period); k && months.length < 12; k = previousPeriodKey(k)) months.push(k);
    for (const [i, periodKey] of [period, ...months].entries()) {
      await h.core.assignments.generate('KTXH-THANG', periodKey, { orgUnitIds: [COMMUNE] });
      const [assignment] = await h.core.assignments.list({ periodKey, formCode: FORM, orgUnitIds: [COMMUNE] });
      const draft = await h.submissions.service.create(entry, { assignmentId: assignment!.id });
      if (i === 0) continue; // this month: the draft being entered
      await h.submissions.service.saveValues(entry, draft.id, [
        { indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: HISTORY[i - 1]! },
        { indicatorCode: '0208', columnCode: 'THIS_PERIOD', value: 50 },
      ]);
      await h.submissions.service.transition(entry, draft.id, 'submit');
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('data entry sees the warning after the save, reaches the cell from it, must explain it, then submits', async () => {
    const page = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"] a.open-report`).click();
    await page.waitForSelector('#grid');
    expect(await page.locator('#plausibility').count()).toBe(0);
    await typeCell(page, LABEL, '180');
    await typeCell(page, 'Trong đó: Thu nội địa – Thực hiện tháng báo cáo', '55');
    await waitForSaved(page);
    const warning = page.locator('#plausibility li[data-code="PLAUSIBILITY_OUTLIER"]');
    await warning.waitFor();
    expect(await warning.getAttribute('data-cell')).toBe(CELL);
    const text = await warning.textContent();
    expect(text).toContain('180 cao bất thường so với 12 kỳ trước của đơn vị (trung vị 100');
    expect(text).toContain('cùng kỳ năm trước');
    await warning.locator('button').click();
    expect(await page.locator(`td[data-cell="${CELL}"] input:focus`).count()).toBe(1);
    await page.waitForSelector(`#cell-trail[data-cell="${CELL}"]`);
    await expectNoAxeViolations(page, 'report with an outlier warning');
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-outlier.png` });

    await page.click('button[data-action="submit"]');
    const refusal = page.locator('.error-box[data-code="FORM_CONSTRAINTS_VIOLATED"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('cần ghi ý kiến giải thích vào ô trước khi trình');
    expect(await page.getAttribute('article', 'data-state')).toBe('draft');

    await page.locator(`td[data-cell="${CELL}"] input`).click();
    await page.fill('#cell-comment-body', 'Thu tiền sử dụng đất một lần của dự án khu dân cư');
    await page.click('#cell-trail button[type=submit]');
    await page.locator('#cell-comments li').first().waitFor();
    await page.click('button[data-action="submit"]');
    await waitForState(page, 'submitted');
    await page.context().close();
  });
});
