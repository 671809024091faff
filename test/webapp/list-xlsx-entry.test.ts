import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, localDateOf } from '../../src/core/calendar/index.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, waitForSaved } from './support/app-browser.js';

const FORM = 'DTC-DS01';
const REGIME = 'DTC-DUAN';
const value = (page: import('playwright-core').Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

/**
 * A list-type report filled in Excel, through the UI only, as the province office
 * (tonghop.tinh): the blank template downloaded, three records typed into it the ways people
 * write them (one with a day that does not exist), uploaded into the list editor: the good
 * records are in, the bad cell is named beside it in Vietnamese, fixed, saved, still there
 * after a reload.
 */
describe('reporting app: a list report filled from an Excel template', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    const deadline = addDays(localDateOf(new Date()), 30);
    await h.core.assignments.generate(REGIME, '', { adHoc: { id: 3, windowStart: '2026-01-01', windowEnd: '2026-03-31' }, deadline });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('downloads the template, uploads it filled, sees the one bad cell beside it and the good records, fixes and saves', async () => {
    const page = await loginAs(browser, h.base, 'tonghop.tinh');
    await page.goto(`${h.base}/app/#/bao-cao`);
    const row = page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="2026-AH3"]`);
    await row.waitFor();
    await row.locator('a.open-report').click();
    await page.waitForSelector('#list-editor');
    expect(await page.textContent('#list-xlsx-template')).toBe('Tải mẫu Excel');
    expect(await page.textContent('#list-xlsx-import')).toBe('Nhập từ Excel');

    const bytes = Buffer.from(
      (await page.evaluate(
        `fetch(document.querySelector('#list-xlsx-template').href).then((r) => r.arrayBuffer()).then((b) => Array.from(new Uint8Array(b)))`,
      )) as number[],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Danh sách')!;
    expect(ws.getRow(3).getCell(1).value).toBe(`Mã biểu: ${FORM}`);
    // Columns in the form's order, the codes in row 5: find each by its code, as a person fills by its label.
    const col = (code: string) => (ws.getRow(5).values as unknown[]).indexOf(code);
    expect(ws.getRow(4).getCell(col('TONG_MUC_DAU_TU')).value).toBe('Tổng mức đầu tư (tỷ đồng) *');
    expect(ws.getRow(6).getCell(col('NHOM')).value).toBe('Chọn một: A, B, C');
    const fill = (line: number, values: Record<string, ExcelJS.CellValue>) => {
      for (const [code, v] of Object.entries(values)) ws.getRow(line).getCell(col(code)).value = v;
    };
    fill(7, {
      MA_DU_AN: 'DA-01',
      TEN_DU_AN: 'Đường tỉnh 129 đoạn Tam Đường – Bình Lư',
      NHOM: 'b',
      TONG_MUC_DAU_TU: '1.234,5',
      NGAY_KHOI_CONG: '15/02/2026',
      HOAN_THANH: 'Không',
    });
    fill(8, { MA_DU_AN: 'DA-02', TEN_DU_AN: 'Cầu Nậm Na', NHOM: 'C', TONG_MUC_DAU_TU: 80, NGAY_KHOI_CONG: '31/02/2026' });
    fill(9, {
      MA_DU_AN: 'DA-03',
      TEN_DU_AN: 'Trường THPT Phong Thổ',
      NHOM: 'C',
      CHU_DAU_TU: 'Ban QLDA tỉnh',
      TONG_MUC_DAU_TU: 45,
      VON_GIAI_NGAN: 12.5,
      NGAY_KHOI_CONG: new Date(Date.UTC(2026, 2, 1)),
      HOAN_THANH: 'Có',
    });
    await page.setInputFiles('#list-xlsx-upload', {
      name: 'danh-muc-du-an.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.waitForSelector('#list-imported');
    expect(await page.textContent('#list-imported')).toContain('Đã đưa 3 bản ghi từ tệp Excel vào danh sách');
    expect(await page.locator('#list-editor tbody tr').count()).toBe(3);
    // The one cell the file could not read, named beside it in Vietnamese (line of the sheet, column label).
    const bad = 'Dòng 8, cột "Ngày khởi công": "31/02/2026" không phải là ngày có thật (ghi ngày/tháng/năm, ví dụ 15/03/2026)';
    expect(await page.locator('#list-editor .msg').allTextContents()).toEqual([bad]);
    expect(await page.textContent('td[data-cell="2|NGAY_KHOI_CONG"] .msg')).toBe(bad);
    expect(await page.getByLabel('Dòng 2 – Ngày khởi công', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.textContent('#list-import-errors')).toBe(bad);
    // The good records as typed, read the Vietnamese way.
    expect(await value(page, 'Dòng 1 – Tổng mức đầu tư')).toBe('1.234,5');
    expect(await value(page, 'Dòng 1 – Nhóm dự án')).toBe('B');
    expect(await value(page, 'Dòng 1 – Đã hoàn thành')).toBe('false');
    expect(await value(page, 'Dòng 3 – Ngày khởi công')).toBe('01/03/2026');
    expect(await value(page, 'Dòng 3 – Vốn đã giải ngân lũy kế')).toBe('12,5');
    // Not submittable while it stands: the list's own rule names it too.
    expect(await page.textContent('#violations')).toContain('Dòng 2 – Ngày khởi công');
    await expectNoAxeViolations(page, 'list editor after an Excel upload');

    await page.getByLabel('Dòng 2 – Ngày khởi công', { exact: true }).fill('28/02/2026');
    await page.waitForSelector('#checks-ok');
    expect(await page.locator('#list-editor .msg').count()).toBe(0);
    await page.click('#list-save');
    await waitForSaved(page);
    await page.reload();
    await page.waitForSelector('#list-editor');
    expect(await page.locator('#list-editor tbody tr').count()).toBe(3);
    expect(await value(page, 'Dòng 1 – Tên dự án')).toBe('Đường tỉnh 129 đoạn Tam Đường – Bình Lư');
    expect(await value(page, 'Dòng 1 – Tổng mức đầu tư')).toBe('1.234,5');
    expect(await value(page, 'Dòng 2 – Ngày khởi công')).toBe('28/02/2026');
    expect(await value(page, 'Dòng 3 – Đã hoàn thành')).toBe('true');
    await page.waitForSelector('#checks-ok');

    // A file of another form is refused whole, in Vietnamese; the list stays as it was.
    ws.getRow(3).getCell(1).value = 'Mã biểu: KTXH-6THANG-01';
    await page.setInputFiles('#list-xlsx-upload', {
      name: 'khac.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.waitForSelector('.error-box[data-code="XLSX_FORM_MISMATCH"]');
    expect(await page.textContent('.error-box[data-code="XLSX_FORM_MISMATCH"]')).toContain('Tệp Excel là của biểu mẫu khác');
    expect(await page.locator('#list-editor tbody tr').count()).toBe(3);
    await page.context().close();
  });
});
