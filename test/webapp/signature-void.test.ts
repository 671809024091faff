import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/report-driver.js';
import { enteredReport } from './support/entered-report.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, openInbox, waitForState } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const COMMUNE = 'lc-x-tam-duong';
/** Tổng chi ngân sách địa phương – Thực hiện tháng báo cáo: no sum rule depends on it. */
const ROW = '0210';
const COLUMN = 'THIS_PERIOD';

/**
 * "The leader signs the frozen data; any later change visibly invalidates the signature and
 * sends the report back to review" (#15), in headless Chromium, one real role at a time: the
 * leader signs; a value then changes under the report (outside the app: the API refuses edits
 * of a signed report, so the test writes where the values are stored, as a restore or a hand
 * edit would); the clerk and the leader see the signature void and the changed cell; the
 * clerk's check sends the report back with the reason; once resubmitted the leader reviews and
 * signs again, and the clerk sees it valid.
 */
describe('reporting app: a change after signing voids the signature and sends the report back', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  let reportUrl = '';
  let id = '';
  const period = demoPeriods(new Date()).current;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    // The commune's report, entered and submitted (the entry itself is covered by the journey test).
    id = await enteredReport(h, { formCode: FORM, orgUnitId: COMMUNE, periodKey: period }, { seed: 15, submit: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the leader signs; the data then changes: the clerk sees the signature void and the changed cell, and its check sends the report back', async () => {
    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    reportUrl = `${h.base}/app/#/bao-cao/${id}`;
    await openInbox(leader, 'Chờ phê duyệt', reportUrl);
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    expect(await leader.textContent('#signed-content')).toContain('Giữ nguyên như lúc ký');
    expect(await leader.locator('#signature-void').count()).toBe(0);
    await leader.context().close();

    const before = await h.t.db.query<{ value: string }>(
      'SELECT value::text AS value FROM submission_values WHERE submission_id = $1 AND indicator_code = $2 AND column_code = $3',
      [id, ROW, COLUMN],
    );
    await h.t.db.query(
      'UPDATE submission_values SET value = value + 7 WHERE submission_id = $1 AND indicator_code = $2 AND column_code = $3',
      [id, ROW, COLUMN],
    );
    const signed = Number(before.rows[0]!.value);

    const clerk = await loginAs(browser, h.base, 'vanthu.tamduong');
    await openInbox(clerk, 'Chờ gửi', reportUrl);
    const banner = await clerk.textContent('#signature-void');
    expect(banner).toContain('Chữ ký số không còn hiệu lực');
    expect(banner).toContain('Tổng chi ngân sách địa phương');
    expect(await clerk.textContent(`#signature-void li[data-cell="${ROW}|${COLUMN}"]`)).toContain(
      `lúc ký ${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(signed)}, nay ${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(signed + 7)}`,
    );
    expect(await clerk.textContent('#signature-status')).toContain('Không còn hiệu lực');
    expect(await clerk.textContent('#signed-content')).toContain('Đã thay đổi 1 chỗ');
    await expectNoAxeViolations(clerk, 'report with a void signature');
    // The clerk's check sends it back, with the reason; it is never sent.
    await clerk.click('button[data-action="dispatch"]');
    await waitForState(clerk, 'returned');
    expect(await clerk.textContent('#return-reason')).toContain('Số liệu đã thay đổi sau khi lãnh đạo ký');
    expect(await clerk.textContent('#signature')).toContain('Chữ ký trước không còn hiệu lực');
    await clerk.context().close();
  });

  it('data entry sees why, submits again; the leader reviews and signs again; the clerk sees the signature valid and sends', async () => {
    const entry = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    const row = entry.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('returned');
    expect(await row.locator('.reason-text').textContent()).toContain('Số liệu đã thay đổi sau khi lãnh đạo ký');
    await row.locator('a.open-report').click();
    await entry.waitForSelector('#grid');
    expect(await entry.getAttribute('#signature', 'data-signature')).toBe('void');
    await entry.click('button[data-action="submit"]');
    await waitForState(entry, 'submitted');
    await entry.context().close();

    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await openInbox(leader, 'Chờ phê duyệt', reportUrl);
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    await leader.context().close();

    const clerk = await loginAs(browser, h.base, 'vanthu.tamduong');
    await openInbox(clerk, 'Chờ gửi', reportUrl);
    expect(await clerk.locator('#signature-void').count()).toBe(0);
    expect(await clerk.textContent('#signed-content')).toContain('Giữ nguyên như lúc ký');
    await clerk.click('button[data-action="dispatch"]');
    await waitForState(clerk, 'sent');
    expect((await h.submissions.service.history(demoActor(COMMUNE, 'clerk'), id)).map((t) => t.action)).toEqual([
      'submit',
      'approve',
      'reject_signature',
      'submit',
      'approve',
      'dispatch',
    ]);
    await clerk.context().close();
  });
});
