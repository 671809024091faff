import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/actors.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { enteredReport } from './support/entered-report.js';
import { buildWebapp, loginAs, openInbox, waitForState } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const COMMUNE = 'lc-x-tam-duong';
/** 210 × 297 mm in PDF points. */
const A4_POINTS = { width: 595.28, height: 841.89 };

const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

/** The page sizes of a PDF Chromium printed (its /MediaBox entries, in points). */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  return boxes.map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/**
 * "A4 print follows the official form with its signature block" (#15), in headless Chromium:
 * the commune leader signs a report, and what the print of its page holds is the official form
 * (issuing unit, national motto, form number and title, period, every row) and its signature
 * block (the preparer, the place and date, the head of the unit with the digital signature),
 * never the working page's buttons or panels; the PDF is A4.
 */
describe('reporting app: a report prints on A4 as its official form with the signature block', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  let id = '';
  const period = demoPeriods(new Date()).current;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    id = await enteredReport(h, { formCode: FORM, orgUnitId: COMMUNE, periodKey: period }, { seed: 21, submit: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('before signing the block says unsigned; after the leader signs it carries the signer, certificate and time', async () => {
    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await openInbox(leader, 'Chờ phê duyệt', `${h.base}/app/#/bao-cao/${id}`);
    // On screen the official form is not in the page (a large form keeps no hidden copy of its table).
    expect(await leader.locator('#print-form').count()).toBe(0);
    await leader.emulateMedia({ media: 'print' });
    await leader.waitForSelector('#print-form');
    expect(await leader.textContent('#print-unsigned')).toContain('Chưa ký số');
    await leader.emulateMedia({ media: 'screen' });
    await leader.locator('#print-form').waitFor({ state: 'detached' });

    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    const view = await h.submissions.service.get(demoActor(COMMUNE, 'leader'), id);
    await leader.emulateMedia({ media: 'print' });
    await leader.waitForSelector('#print-signed');

    for (const hidden of ['#grid', 'header.top', 'nav.main', '#history', '#signature', 'button[data-action]']) {
      expect(await visible(leader, hidden), hidden).toBe(false);
    }
    const head = await leader.textContent('.print-head');
    expect(head).toContain('XÃ TAM ĐƯỜNG');
    expect(head).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(head).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(await leader.textContent('.print-number')).toBe('Biểu số 01');
    expect(await leader.textContent('.print-title')).toBe('MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU HẰNG THÁNG');
    expect(await leader.textContent('#print-form')).toContain('Kỳ báo cáo: Tháng');

    // Every row of the form, each figure the report holds, in the form's order.
    const form = await h.core.forms.require(FORM);
    const rows = leader.locator('table.print-table tbody tr');
    expect(await rows.count()).toBe(form.rows.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))).toEqual(
      [...form.rows].sort((a, b) => a.order - b.order).map((r) => r.indicatorCode),
    );
    const total = view.values.find((v) => v.indicatorCode === '0207' && v.columnCode === 'THIS_PERIOD')!.value!;
    const thisPeriod = 1 + 4 + form.columns.findIndex((c) => c.code === 'THIS_PERIOD');
    expect(await leader.textContent(`table.print-table tr[data-row="0207"] td:nth-child(${thisPeriod})`)).toBe(
      new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 }).format(total),
    );

    const block = await leader.textContent('#print-signatures');
    expect(block).toContain('NGƯỜI LẬP BIỂU');
    expect(block).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(block).toMatch(/Tam Đường, ngày \d{2} tháng \d{2} năm \d{4}/);
    const stamp = await leader.textContent('#print-signed');
    expect(stamp).toContain('Đã ký số');
    expect(stamp).toContain(`Chứng thư số: ${view.submission.signer}`);
    expect(view.submission.signer).toBeTruthy();

    const pdf = await leader.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      expect(Math.abs(p.width - A4_POINTS.width)).toBeLessThan(2);
      expect(Math.abs(p.height - A4_POINTS.height)).toBeLessThan(2);
    }
    // SCREENSHOT_DIR=docs/images: the picture in the README.
    if (process.env.SCREENSHOT_DIR) {
      await leader.setViewportSize({ width: 794, height: 1123 });
      await leader.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-print-a4.png`, fullPage: true });
    }
    await leader.context().close();
  });
});
