import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPeriods, DemoTraffic } from '../../src/demo/demo-traffic.js';
import type { Principal } from '../../src/http/principal.js';
import { PEOPLE_UNITS } from '../../src/demo/people-work.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import ExcelJS from 'exceljs';
import { buildWebapp, expectNoAxeViolations, loginAs, waitForSaved } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const ADMIN: Principal = { kind: 'user', id: 'test-admin', displayName: 'test', roles: ['admin'], orgUnitId: 'lai-chau' };

/**
 * Public dashboard and consolidation in a browser on the real gateway: reports accepted by the
 * national simulator, one unit's report left as a draft; nothing is public until an admin
 * publishes, then only approved figures are shown (with no login) and downloadable.
 */
describe('public dashboard and consolidation in a browser', { timeout: 240_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const period = demoPeriods(new Date()).current;
  let acceptedUnits: string[] = [];
  let draftUnit = '';
  let draftName = '';

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    const traffic = new DemoTraffic(h.core, h.submissions);
    await traffic.send(period, 2);
    for (;;) {
      const list = await h.submissions.service.list(ADMIN, { periodKey: period, formCode: FORM, limit: 100 });
      const accepted = list.filter((s) => s.state === 'accepted');
      if (accepted.length >= 1 && list.every((s) => s.state === 'accepted' || s.state === 'draft')) {
        acceptedUnits = accepted.map((s) => s.orgUnitId);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // A draft (never approved) of another unit, with a figure that must never be public.
    const taken = new Set(
      (await h.submissions.service.list(ADMIN, { periodKey: period, formCode: FORM, limit: 100 })).map((s) => s.orgUnitId),
    );
    const assignment = (await h.core.assignments.list({ periodKey: period, formCode: FORM })).find(
      (a) => a.orgUnitId.startsWith('lc-x-') && !taken.has(a.orgUnitId) && !PEOPLE_UNITS.includes(a.orgUnitId),
    );
    draftUnit = assignment!.orgUnitId;
    draftName = (await h.core.orgUnits.get(draftUnit))!.name;
    const entry: Principal = { kind: 'user', id: 'test-entry', displayName: 't', roles: ['data_entry'], orgUnitId: draftUnit };
    const draft = await h.submissions.service.create(entry, { assignmentId: assignment!.id });
    await h.submissions.service.saveValues(entry, draft.id, [{ indicatorCode: '0207', columnCode: 'PLAN', value: 987654 }]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows nothing to the public before an admin publishes', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.base}/cong-khai/`);
    await page.waitForSelector('#no-figures');
    expect(new URL(page.url()).pathname).toBe('/cong-khai/');
    await expectNoAxeViolations(page, 'public dashboard (empty)');
    await page.close();
  });

  it('the province office sees every sub-unit of the period: received, draft, missing, and the sum of the received figures only', async () => {
    const page = await loginAs(browser, h.base, 'tonghop.tinh');
    await page.waitForSelector('#sub-units');
    expect(await page.textContent('h1')).toContain('Tổng hợp');
    // Opens on the month being consolidated, not on whichever form sorts first.
    expect(await page.inputValue('#consolidation-form')).toBe(FORM);
    expect(await page.inputValue('#consolidation-period')).toBe(period);
    const communes = acceptedUnits.filter((u) => u !== 'lai-chau');
    expect(communes.length).toBeGreaterThan(0);
    await page.waitForSelector(`#sub-units tr[data-unit="${communes[0]}"][data-status="accepted"]`);
    for (const unit of communes) expect(await page.getAttribute(`#sub-units tr[data-unit="${unit}"]`, 'data-status')).toBe('accepted');
    expect(await page.getAttribute(`#sub-units tr[data-unit="${draftUnit}"]`, 'data-status')).toBe('draft');
    expect(await page.locator('#sub-units tr[data-status="not_started"]').count()).toBeGreaterThan(0);
    expect(await page.textContent('#consolidated-preview')).not.toContain('987.654');
    // Diacritics-insensitive search: "xa tam duong" finds "Xã Tam Đường".
    await page.fill(
      '#unit-search',
      draftName
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/gi, 'd')
        .toLowerCase(),
    );
    expect(await page.locator('#sub-units tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page, 'consolidation');
    await page.context().close();
  });

  it('an admin publishes; the public then sees the approved figures with no login, never the draft, and can download them', async () => {
    const admin = await loginAs(browser, h.base, 'admin');
    await admin.goto(`${h.base}/app/#/cong-bo`);
    await admin.waitForSelector('#publish-period');
    await admin.selectOption('#publish-form', FORM);
    await admin.selectOption('#publish-period', period);
    await admin.click('#publish');
    await admin.waitForSelector('#publish-result');
    expect(await admin.textContent('#publish-result')).toContain(`${acceptedUnits.length} đơn vị`);
    await expectNoAxeViolations(admin, 'publish page');
    await admin.context().close();

    const page = await browser.newPage();
    await page.goto(`${h.base}/cong-khai/`);
    await page.waitForSelector('#public-table');
    for (const unit of acceptedUnits) expect(await page.locator(`#public-table tr[data-unit="${unit}"]`).count()).toBe(1);
    expect(await page.locator(`#public-table tr[data-unit="${draftUnit}"]`).count()).toBe(0);
    expect(await page.textContent('#figures')).not.toContain('987.654');
    await page.waitForFunction('Boolean(document.querySelector("#public-chart").width)');
    await expectNoAxeViolations(page, 'public dashboard');
    const csv = (await page.evaluate('fetch(document.querySelector("#download-csv").href).then((r) => r.text())')) as string;
    expect(csv).toContain('Tổng thu ngân sách nhà nước trên địa bàn');
    expect(csv).not.toContain('987654');
    await page.close();
  });

  it('data entry downloads the blank xlsx template, uploads it filled into the grid; its export read back changes nothing', async () => {
    const page = await loginAs(browser, h.base, 'nhaplieu.binhlu');
    await page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"] a.open-report`).click();
    await page.waitForSelector('#grid');
    const fetchBytes = async (selector: string) =>
      Buffer.from(
        (await page.evaluate(
          `fetch(document.querySelector(${JSON.stringify(selector)}).href).then((r) => r.arrayBuffer()).then((b) => Array.from(new Uint8Array(b)))`,
        )) as number[],
      );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fetchBytes('#xlsx-template')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Biểu mẫu')!;
    // Blank: the rows of the form (code in column 2), no figure.
    const line = (code: string) => ws.getColumn(2).values.indexOf(code);
    expect(line('0207')).toBeGreaterThan(0);
    expect(ws.getRow(line('0208')).getCell(5).value).toBeNull();
    // The form's total (0207 = 0208 + 0209) is a formula, so the template adds up as it is filled.
    expect(ws.getRow(line('0207')).getCell(5).value).toEqual({ formula: `E${line('0208')}+E${line('0209')}` });
    // The month's budget revenue (0207 = 0208 + 0209, this period) is required by the demo form.
    ws.getRow(line('0207')).getCell(6).value = 300;
    ws.getRow(line('0208')).getCell(6).value = 250;
    ws.getRow(line('0209')).getCell(6).value = 50;
    ws.getRow(line('0210')).getCell(6).value = 77;
    await page.setInputFiles('#xlsx-upload', {
      name: 'bieu-da-dien.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.waitForSelector('#xlsx-loaded');
    expect(await page.textContent('#xlsx-loaded')).toContain('4 ô');
    expect(await page.getByLabel('Tổng thu ngân sách nhà nước trên địa bàn – Thực hiện tháng báo cáo', { exact: true }).inputValue()).toBe(
      '300',
    );
    expect(await page.getByLabel('Tổng chi ngân sách địa phương – Thực hiện tháng báo cáo', { exact: true }).inputValue()).toBe('77');
    await page.waitForSelector('#checks-ok');
    await waitForSaved(page);
    // The export of what is now saved, uploaded back: the same cells, nothing changes.
    const exported = await fetchBytes('#xlsx-export');
    // The report's total is a formula over its parts (0207 = 0208 + 0209), cached at the saved 300.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = back.getWorksheet('Biểu mẫu')!;
    const at = (code: string) => sheet.getColumn(2).values.indexOf(code);
    expect(sheet.getRow(at('0207')).getCell(6).value).toEqual({ formula: `F${at('0208')}+F${at('0209')}`, result: 300 });
    expect(sheet.getRow(at('0208')).getCell(6).value).toBe(250);
    await page.setInputFiles('#xlsx-upload', { name: 'xuat.xlsx', mimeType: 'application/octet-stream', buffer: exported });
    await page.waitForSelector('#xlsx-loaded');
    await waitForSaved(page);
    const id = page.url().split('/').pop()!;
    const view = await h.submissions.service.get(ADMIN, id);
    const cells = Object.fromEntries(
      view.values.filter((v) => v.value !== null).map((v) => [`${v.indicatorCode}|${v.columnCode}`, v.value]),
    );
    expect(cells).toEqual({ '0207|THIS_PERIOD': 300, '0208|THIS_PERIOD': 250, '0209|THIS_PERIOD': 50, '0210|THIS_PERIOD': 77 });
    // A file of another form is refused with a Vietnamese message.
    ws.getRow(3).getCell(1).value = 'Mã biểu: KTXH-6THANG-01';
    await page.setInputFiles('#xlsx-upload', {
      name: 'khac.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.waitForSelector('.error-box[data-code="XLSX_FORM_MISMATCH"]');
    expect(await page.textContent('.error-box[data-code="XLSX_FORM_MISMATCH"]')).toContain('Tệp Excel là của biểu mẫu khác');
    await expectNoAxeViolations(page, 'grid with the Excel tools');
    await page.context().close();
  });
});
