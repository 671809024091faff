import { addDays, localDateOf } from '../../src/core/calendar/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, openInbox, waitForSaved, waitForState, fillRecord } from './support/app-browser.js';

const FORM = 'DTC-DS01';
const REGIME = 'DTC-DUAN';

/**
 * A list-type report (biểu dạng danh sách: one record per public investment project, typed
 * columns) through the UI only, one real role at a time: the province office adds two records,
 * a bad value shows its Vietnamese message next to the cell and blocks submitting, fixed, saved
 * and submitted; the leader reads the records and approves (signs); the clerk reads them and sends.
 */
describe('reporting app: a list-type report entered in the browser', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  let reportUrl = '';

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    // A thematic regime is assigned for the window it covers (an officer's action, no UI for it yet).
    // Due a month from today, so the deadline lock (its own test) does not close it on the day the suite runs.
    const deadline = addDays(localDateOf(new Date()), 30);
    await h.core.assignments.generate(REGIME, '', { adHoc: { id: 3, windowStart: '2026-01-01', windowEnd: '2026-03-31' }, deadline });
    // The clerk's step is shown: approval leaves the report to the văn thư, who checks and sends it.
    await h.core.regimes.setAutoDispatch(REGIME, false);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('data entry adds two records, sees a Vietnamese error next to a bad cell, fixes it, saves and submits', async () => {
    const page = await loginAs(browser, h.base, 'tonghop.tinh');
    await page.goto(`${h.base}/app/#/bao-cao`);
    const row = page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="2026-AH3"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Đợt 3/2026');
    await row.locator('a.open-report').click();
    await page.waitForSelector('#list-editor');
    // An empty list cannot be submitted: the message says what to do.
    expect(await page.textContent('#violations')).toContain('Thêm dòng');

    await page.click('#add-record');
    // The new record's first cell has the focus: the officer types straight away.
    await expect
      .poll(() => page.evaluate(`document.activeElement?.getAttribute('aria-label')`), { timeout: 30_000 })
      .toBe('Dòng 1 – Mã dự án');
    await fillRecord(page, 1, {
      'Mã dự án': 'DA-01',
      'Tên dự án': 'Đường tỉnh 129 đoạn Tam Đường – Bình Lư',
      'Nhóm dự án': 'B',
      'Tổng mức đầu tư': '120,5',
      'Ngày khởi công': '15/02/2026',
      'Đã hoàn thành': 'Không',
    });
    await page.click('#add-record');
    await fillRecord(page, 2, {
      'Mã dự án': 'DA-02',
      'Tên dự án': 'Cầu Nậm Na',
      'Nhóm dự án': 'C',
      'Tổng mức đầu tư': '-5',
      'Ngày khởi công': '30/02/2026',
    });
    // Each broken rule sits next to its cell, in Vietnamese, and marks the input invalid.
    const total = page.locator('td[data-cell="2|TONG_MUC_DAU_TU"] .msg');
    expect(await total.textContent()).toBe('Không được nhỏ hơn 0');
    expect(await page.getByLabel('Dòng 2 – Tổng mức đầu tư', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.textContent('td[data-cell="2|NGAY_KHOI_CONG"] .msg')).toContain('Phải là ngày có thật');
    expect(await page.textContent('#violations')).toContain('Dòng 2 – Tổng mức đầu tư: Không được nhỏ hơn 0');
    await expectNoAxeViolations(page, 'list editor with errors');
    // The server answers the same rules when the list is saved: still two, still in Vietnamese.
    await page.click('#list-save');
    await page.waitForSelector('#save-state[data-save="saved"]');
    expect(await page.locator('#violations li').count()).toBe(2);
    // Submitting is refused while a rule is broken; clicking the message focuses its cell.
    await page.click('button[data-action="submit"]');
    expect(await page.locator('article').getAttribute('data-state')).toBe('draft');
    await page.locator('#violations li[data-col="TONG_MUC_DAU_TU"] button').click();
    expect(await page.evaluate(`document.activeElement?.getAttribute('aria-label')`)).toBe('Dòng 2 – Tổng mức đầu tư');

    await fillRecord(page, 2, { 'Tổng mức đầu tư': '80', 'Ngày khởi công': '28/02/2026' });
    await page.waitForSelector('#checks-ok');
    expect(await total.count()).toBe(0);
    // A block copied from Excel, pasted into a new record's first cell: it fills right and down,
    // adds the records it needs and reads the choices ("c" → C, "Có").
    await page.click('#add-record');
    const block =
      'DA-03\tTrường THPT Phong Thổ\tc\tBan QLDA tỉnh\t45\t10\t01/03/2026\tCó\r\nDA-04\tTrạm y tế xã Bình Lư\tC\tUBND xã Bình Lư\t12,5\t\t02/03/2026\tKhông\r\n';
    // In the page: the DOM's own paste event, as Ctrl+V raises it with the clipboard's text.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(block)});
      const input = document.querySelector('[aria-label="Dòng 3 – Mã dự án"]');
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await page.waitForSelector('#list-pasted');
    expect(await page.textContent('#list-pasted')).toContain('Đã dán 16 ô từ bảng tính');
    expect(await page.locator('#list-editor tbody tr').count()).toBe(4);
    expect(await page.getByLabel('Dòng 3 – Tên dự án', { exact: true }).inputValue()).toBe('Trường THPT Phong Thổ');
    expect(await page.getByLabel('Dòng 3 – Nhóm dự án', { exact: true }).inputValue()).toBe('C');
    expect(await page.getByLabel('Dòng 4 – Tổng mức đầu tư', { exact: true }).inputValue()).toBe('12,5');
    expect(await page.getByLabel('Dòng 4 – Đã hoàn thành', { exact: true }).inputValue()).toBe('false');
    await page.waitForSelector('#checks-ok');
    await expectNoAxeViolations(page, 'list editor after a paste');
    // Pasted into the wrong report: both records are deleted again.
    await page.getByRole('button', { name: 'Xóa dòng 4' }).click();
    await page.getByRole('button', { name: 'Xóa dòng 3' }).click();
    await page.waitForSelector('#list-editor tbody tr:nth-child(3)', { state: 'detached' });
    expect(await page.locator('#list-editor tbody tr').count()).toBe(2);
    await waitForSaved(page);
    reportUrl = page.url();
    // A reload shows what the server kept (typed: number, date, choice).
    await page.reload();
    await page.waitForSelector('#list-editor');
    expect(await page.getByLabel('Dòng 1 – Tổng mức đầu tư', { exact: true }).inputValue()).toBe('120,5');
    expect(await page.getByLabel('Dòng 2 – Ngày khởi công', { exact: true }).inputValue()).toBe('28/02/2026');
    expect(await page.getByLabel('Dòng 1 – Nhóm dự án', { exact: true }).inputValue()).toBe('B');
    await page.click('button[data-action="submit"]');
    await waitForState(page, 'submitted');
    expect(await page.locator('#list-editor').count()).toBe(0);
    await page.context().close();
  });

  it('the leader reads the records in "Chờ phê duyệt" and approves (signs); the clerk reads them and sends', async () => {
    const leader = await loginAs(browser, h.base, 'lanhdao.tinh');
    await openInbox(leader, 'Chờ phê duyệt', reportUrl);
    const records = leader.locator('#list-records[data-editable="false"] tbody tr');
    expect(await records.count()).toBe(2);
    expect(await records.nth(0).textContent()).toContain('Đường tỉnh 129 đoạn Tam Đường – Bình Lư');
    expect(await leader.textContent('#list-records tr[data-row="1"] td[data-col="TONG_MUC_DAU_TU"]')).toBe('120,5');
    expect(await leader.textContent('#list-records tr[data-row="2"] td[data-col="NGAY_KHOI_CONG"]')).toBe('28/02/2026');
    expect(await leader.textContent('#list-records tr[data-row="1"] td[data-col="HOAN_THANH"]')).toBe('Không');
    await expectNoAxeViolations(leader, 'leader list report');
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    await leader.context().close();

    const clerk = await loginAs(browser, h.base, 'vanthu.tinh');
    await openInbox(clerk, 'Chờ gửi', reportUrl);
    expect(await clerk.locator('#list-records tbody tr').count()).toBe(2);
    await clerk.waitForSelector('#approval-details');
    expect(await clerk.textContent('#approval-valid')).toContain('✓ Hợp lệ');
    await clerk.click('button[data-action="dispatch"]');
    // The national simulator may have answered before the page re-reads the report.
    await waitForState(clerk, ['sent', 'accepted']);
    await clerk.context().close();
  });
});
