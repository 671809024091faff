import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/report-driver.js';
import { enteredReport } from './support/entered-report.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, openInbox, waitForState } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const COMMUNE = 'lc-x-tam-duong';
/** Tổng chi ngân sách địa phương – Thực hiện tháng báo cáo: no sum rule depends on it. */
const CELL = '0210|THIS_PERIOD';

async function openCell(page: Page): Promise<void> {
  await page.locator(`td[data-cell="${CELL}"] input`).click();
  await page.waitForSelector(`#cell-trail[data-cell="${CELL}"]`);
}

async function comment(page: Page, text: string, expected: number): Promise<void> {
  await page.fill('#cell-comment-body', text);
  await page.click('#cell-trail button[type=submit]');
  await page
    .locator('#cell-comments li')
    .nth(expected - 1)
    .waitFor();
  expect(await page.locator('#cell-comments li').count()).toBe(expected);
  expect(await page.inputValue('#cell-comment-body')).toBe('');
}

/**
 * "Each cell has a comment thread (author, time) and an audit trail old → new, including changes
 * after approval" (#15), in headless Chromium, one real role at a time: data entry comments on a
 * figure and submits; the leader reads the thread, answers and approves; a value then changes
 * outside the app, and the leader sees that change in the cell's trail, marked as made after
 * approval and outside the application.
 */
describe('reporting app: a cell has its changes old → new and a comment thread', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  let id = '';
  const period = demoPeriods(new Date()).current;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    id = await enteredReport(h, { formCode: FORM, orgUnitId: COMMUNE, periodKey: period }, { seed: 16 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('data entry sees the cell entered (empty → value), comments on it and submits', async () => {
    const entry = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    const row = entry.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"]`);
    await row.locator('a.open-report').click();
    await entry.waitForSelector('#grid');
    expect(await entry.textContent('#cell-trail')).toContain('Chọn một ô trong biểu');
    await openCell(entry);
    expect(await entry.textContent('#cell-trail h2')).toContain('Tổng chi ngân sách địa phương');
    const changes = entry.locator('#cell-changes tbody tr');
    expect(await changes.count()).toBe(1);
    expect(await changes.first().textContent()).toContain('(trống) →');
    expect(await changes.first().textContent()).toContain('Đang nhập');
    await comment(entry, 'Số liệu theo dự toán điều chỉnh tháng này', 1);
    expect(await entry.textContent(`td[data-cell="${CELL}"] .noted`)).toBe('Ý kiến: 1');
    await expectNoAxeViolations(entry, 'report with the cell trail open');
    await entry.click('button[data-action="submit"]');
    await waitForState(entry, 'submitted');
    await entry.context().close();
  });

  it('the leader reads the thread, answers, approves; a change after approval shows in the trail as such', async () => {
    const reportUrl = `${h.base}/app/#/bao-cao/${id}`;
    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await openInbox(leader, 'Chờ phê duyệt', reportUrl);
    await openCell(leader);
    expect(await leader.textContent('#cell-comments')).toContain('Số liệu theo dự toán điều chỉnh tháng này');
    await comment(leader, 'Đề nghị gửi kèm quyết định điều chỉnh', 2);
    // The report as xlsx carries the thread in the cell's note, each comment with its author's name.
    const bytes = (await leader.evaluate(
      'fetch(document.querySelector("#xlsx-export").href).then((r) => r.arrayBuffer()).then((b) => Array.from(new Uint8Array(b)))',
    )) as number[];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Biểu mẫu')!;
    const [indicatorCode, columnCode] = CELL.split('|');
    const line = ws.getColumn(2).values.indexOf(indicatorCode);
    const col = (ws.getRow(5).values as unknown[]).indexOf(columnCode);
    const note = ws.getCell(line, col).note;
    const noteText = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
    expect(noteText.split('\n')).toEqual([
      expect.stringMatching(/^Cán bộ nhập liệu xã Tam Đường \(\d\d\/\d\d\/\d{4} \d\d:\d\d\): Số liệu theo dự toán điều chỉnh tháng này$/),
      expect.stringMatching(/^Chủ tịch UBND xã Tam Đường \(.+\): Đề nghị gửi kèm quyết định điều chỉnh$/),
    ]);
    expect(String(ws.getRow(3).getCell(4).value)).toBe('Trạng thái: Đã trình (phiên bản 1)');
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');

    // A change under the approved report, as a hand edit of the database would make it.
    const [indicator, column] = CELL.split('|');
    await h.t.db.query(
      'UPDATE submission_values SET value = value + 7 WHERE submission_id = $1 AND indicator_code = $2 AND column_code = $3',
      [id, indicator, column],
    );
    await leader.reload();
    await leader.waitForSelector('#grid');
    await openCell(leader);
    const rows = leader.locator('#cell-changes tbody tr');
    expect(await rows.count()).toBe(2);
    const last = rows.nth(1);
    expect(await last.getAttribute('class')).toBe('outside');
    expect(await last.textContent()).toContain('ngoài ứng dụng');
    expect(await last.textContent()).toContain('(sửa sau khi đã trình/duyệt)');
    expect(await leader.textContent(`td[data-cell="${CELL}"] .noted`)).toBe('Ý kiến: 2');
    // SCREENSHOT_DIR=docs/images: the picture in the README.
    if (process.env.SCREENSHOT_DIR) {
      await leader.locator('#cell-trail').scrollIntoViewIfNeeded();
      await leader.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-cell-trail.png` });
    }
    await leader.context().close();

    const trail = await h.submissions.service.cellTrail(demoActor(COMMUNE, 'leader'), id);
    expect(trail.comments.map((c) => c.body)).toEqual([
      'Số liệu theo dự toán điều chỉnh tháng này',
      'Đề nghị gửi kèm quyết định điều chỉnh',
    ]);
    expect(trail.changes.filter((c) => `${c.indicatorCode}|${c.columnCode}` === CELL).map((c) => [c.state, c.viaApp])).toEqual([
      ['draft', true],
      ['approved', false],
    ]);
  });
});
