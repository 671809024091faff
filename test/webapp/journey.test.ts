import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, openInbox, typeCell, waitForState, waitForSaved } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const COMMUNE = 'lc-x-tam-duong';
const TOTAL_PLAN = 'Tổng thu ngân sách nhà nước trên địa bàn – Kế hoạch năm';
const RETURN_REASON = 'Thu nội địa tháng này chưa khớp số của Kho bạc';

/** The monthly form's cells, total = sum of its two parts in every number column. */
const GOOD: Record<string, Record<string, string>> = {
  'Tổng thu ngân sách nhà nước trên địa bàn': { 'Kế hoạch năm': '1200', 'Thực hiện tháng báo cáo': '110', 'Lũy kế từ đầu năm': '1150' },
  'Trong đó: Thu nội địa': { 'Kế hoạch năm': '1000', 'Thực hiện tháng báo cáo': '90', 'Lũy kế từ đầu năm': '950' },
  'Thu từ hoạt động xuất nhập khẩu': { 'Kế hoạch năm': '200', 'Thực hiện tháng báo cáo': '20', 'Lũy kế từ đầu năm': '200' },
  'Tổng chi ngân sách địa phương': { 'Kế hoạch năm': '5000', 'Thực hiện tháng báo cáo': '400', 'Lũy kế từ đầu năm': '4700' },
  'Chỉ số sản xuất công nghiệp': { 'Thực hiện tháng báo cáo': '104,5' },
};

/**
 * The whole journey through the UI only, one real role at a time, in headless Chromium on the
 * real gateway (every module, simulators, demo seed), on the routed path of the sample regime:
 * commune (data entry → leader → clerk) → province office (receives, consolidates) → province
 * leader signs → province clerk sends → national simulator acknowledges. Then a correction after
 * acceptance through the leader again, and a refusal by the national system shown with its reason.
 */
describe('reporting app: the full journey in a browser', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  let communeUrl = '';
  let provinceUrl = '';
  const period = demoPeriods(new Date()).current;

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    // The province's choice for this regime: the clerk (văn thư) checks the signature and sends,
    // nothing leaves a unit on the leader's approval alone (the sample regime auto-dispatches).
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    // A plausibility rule on the monthly form (a warning, never blocking): a month's spending over 300
    // is unusual. There is no form-edit API yet, so the test sets it where the form is stored.
    const rule = [{ id: 'chi-thang', type: 'min-max', rows: ['0210'], columns: ['THIS_PERIOD'], max: 300 }];
    await h.t.db.query(`UPDATE forms SET definition = jsonb_set(definition, '{plausibility}', $1::jsonb) WHERE code = $2`, [
      JSON.stringify(rule),
      FORM,
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const unitRow = (page: Page) => page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"]`);
  const openOwnReport = async (page: Page) => {
    await unitRow(page).locator('a.open-report').click();
    await page.waitForSelector('#grid');
  };

  it('data entry lands on "Báo cáo của đơn vị", fills the monthly grid, sees the sum error next to the cell, fixes it and submits', async () => {
    const page = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await page.waitForSelector('#unit-reports');
    expect(await page.textContent('h1')).toBe('Báo cáo của đơn vị');
    const row = unitRow(page);
    expect(await row.getAttribute('data-status')).toBe('not_started');
    expect(await row.textContent()).toContain('Chưa nhập');
    await expectNoAxeViolations(page, 'unit reports');
    await openOwnReport(page);
    for (const [rowLabel, cols] of Object.entries(GOOD)) {
      for (const [col, v] of Object.entries(cols)) await typeCell(page, `${rowLabel} – ${col}`, v);
    }
    // The total no longer equals its parts: the message sits in the total's cell, naming the row.
    await typeCell(page, TOTAL_PLAN, '1300');
    const msg = page.locator('td[data-cell="0207|PLAN"] .msg');
    await msg.waitFor();
    expect(await msg.textContent()).toContain('Tổng thu ngân sách nhà nước trên địa bàn');
    expect(await page.getByLabel(TOTAL_PLAN).getAttribute('aria-invalid')).toBe('true');
    await page.click('button[data-action="submit"]');
    expect(await page.locator('article').getAttribute('data-state')).toBe('draft');
    await expectNoAxeViolations(page, 'grid with an error');
    await typeCell(page, TOTAL_PLAN, '1200');
    await page.waitForSelector('#checks-ok');
    expect(await msg.count()).toBe(0);
    await waitForSaved(page);
    communeUrl = page.url();
    await page.click('button[data-action="submit"]');
    await waitForState(page, 'submitted');
    await page.context().close();
  });

  it('the commune leader finds it in "Chờ phê duyệt" and returns it with a mandatory reason', async () => {
    const page = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await openInbox(page, 'Chờ phê duyệt', communeUrl);
    await expectNoAxeViolations(page, 'leader report');
    await page.click('button[data-action="return"]');
    await page.click('#reason-ok');
    expect(await page.textContent('#reason-missing')).toContain('Phải ghi rõ lý do');
    await page.fill('#reason-text', RETURN_REASON);
    await page.click('#reason-ok');
    await waitForState(page, 'returned');
    expect(await page.textContent('#history')).toContain(RETURN_REASON);
    // Who acted is named by the account's display name, never its id.
    const returned = page.locator('#history tr[data-action="return"]');
    expect(await returned.textContent()).toContain('Chủ tịch UBND xã Tam Đường');
    expect(await page.locator('#history tr[data-action="submit"]').first().textContent()).toContain('Cán bộ nhập liệu xã Tam Đường');
    await page.context().close();
  });

  it('data entry sees the reason on the unit page and the report, fixes the figures and submits again', async () => {
    const page = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    const row = unitRow(page);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('returned');
    expect(await row.textContent()).toContain('Bị trả lại');
    expect(await row.locator('.reason-text').textContent()).toBe(RETURN_REASON);
    await openOwnReport(page);
    expect(await page.textContent('#return-reason')).toContain(RETURN_REASON);
    expect(await page.textContent('#return-reason')).toContain('Bị trả lại bởi Chủ tịch UBND xã Tam Đường');
    // Min-max and change warnings are for the leader before signing, not on the data entry's page
    // (only outliers against the unit's own history are, see outlier-entry.test.ts).
    expect(await page.locator('#plausibility').count()).toBe(0);
    await typeCell(page, 'Trong đó: Thu nội địa – Thực hiện tháng báo cáo', '92');
    await typeCell(page, 'Tổng thu ngân sách nhà nước trên địa bàn – Thực hiện tháng báo cáo', '112');
    await page.waitForSelector('#checks-ok');
    await waitForSaved(page);
    await page.click('button[data-action="submit"]');
    await waitForState(page, 'submitted');
    await page.context().close();
  });

  it('the commune leader approves and signs; the commune clerk sees the signature and sends it to the province', async () => {
    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await openInbox(leader, 'Chờ phê duyệt', communeUrl);
    // The plausibility warning is read before signing: the spending of 400 is over the rule's 300.
    const warning = await leader.textContent('#plausibility');
    expect(warning).toContain('1 cảnh báo');
    expect(warning).toContain('Tổng chi ngân sách địa phương');
    expect(await leader.textContent('button[data-action="approve"]')).toContain('đã xem 1 cảnh báo');
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    expect(await leader.textContent('#signer-cert')).not.toBe('—');
    await leader.context().close();

    const clerk = await loginAs(browser, h.base, 'vanthu.tamduong');
    await openInbox(clerk, 'Chờ gửi', communeUrl);
    expect(await clerk.textContent('#signer-name')).toBe('Chủ tịch UBND xã Tam Đường');
    expect(await clerk.textContent('.meta')).toContain('Ủy ban nhân dân tỉnh Lai Châu');
    // The leader's JAdES approval as the exchange area verified it: signer, certificate, time stamp.
    await clerk.waitForSelector('#approval-details');
    expect(await clerk.textContent('#approval-valid')).toContain('✓ Hợp lệ');
    expect((await clerk.textContent('#approval-signer'))?.trim()).not.toBe('');
    await expectNoAxeViolations(clerk, 'clerk report');
    await clerk.click('button[data-action="dispatch"]');
    await waitForState(clerk, 'sent');
    // Until the province receives it the clerk may recall it, giving the reason the receiver is told.
    await clerk.click('button[data-action="recall"]');
    expect(await clerk.textContent('#reason-title')).toBe('Thu hồi báo cáo đã gửi');
    await clerk.getByRole('button', { name: 'Hủy' }).click();
    expect(await clerk.locator('article').getAttribute('data-state')).toBe('sent');
    await clerk.context().close();
  });

  it('the province leader receives it; the commune sees "Đã tiếp nhận"', async () => {
    const page = await loginAs(browser, h.base, 'lanhdao.tinh');
    await openInbox(page, 'Chờ phê duyệt', communeUrl);
    await page.click('button[data-action="accept"]');
    await waitForState(page, 'accepted');
    await page.context().close();
    const entry = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await unitRow(entry).waitFor();
    expect(await unitRow(entry).getAttribute('data-status')).toBe('accepted');
    expect(await unitRow(entry).textContent()).toContain('Đã tiếp nhận');
    await entry.context().close();
  });

  it('the province office opens consolidation on the monthly form, builds the consolidated report from the received figures and submits', async () => {
    const page = await loginAs(browser, h.base, 'tonghop.tinh');
    await page.waitForSelector('#sub-units');
    expect(await page.inputValue('#consolidation-form')).toBe(FORM);
    expect(await page.inputValue('#consolidation-period')).toBe(period);
    await page.waitForSelector(`#sub-units tr[data-unit="${COMMUNE}"][data-status="accepted"]`);
    // The commune's corrected figure (112) is what the province sums.
    expect(await page.textContent('#consolidated-preview')).toContain('112');
    await expectNoAxeViolations(page, 'consolidation');
    await page.click('#build-consolidated');
    await page.waitForSelector('article[data-state="draft"] #grid');
    provinceUrl = page.url();
    expect(await page.getByLabel('Tổng thu ngân sách nhà nước trên địa bàn – Thực hiện tháng báo cáo').inputValue()).toBe('112');
    await page.click('button[data-action="submit"]');
    await waitForState(page, 'submitted');
    await page.context().close();
  });

  it('the province leader approves and signs, the province clerk sends; the national system acknowledges; both pages show "Đã tiếp nhận"; ops sees it acknowledged', async () => {
    const leader = await loginAs(browser, h.base, 'lanhdao.tinh');
    await openInbox(leader, 'Chờ phê duyệt', provinceUrl);
    expect(await leader.textContent('.meta')).toContain('Hệ thống báo cáo Chính phủ');
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    await leader.context().close();

    const clerk = await loginAs(browser, h.base, 'vanthu.tinh');
    await openInbox(clerk, 'Chờ gửi', provinceUrl);
    expect(await clerk.textContent('#signature-status')).toContain('Chưa kiểm tra');
    await clerk.click('button[data-action="dispatch"]');
    await waitForState(clerk, ['sent', 'accepted']);
    // The national simulator answers on its own: reload until its receipt is recorded.
    await waitForState(clerk, 'accepted', true);
    expect(await clerk.textContent('.meta')).toContain('Đã tiếp nhận');
    expect(await clerk.textContent('#history')).toContain('Tiếp nhận');
    await expectNoAxeViolations(clerk, 'accepted province report');
    await clerk.context().close();

    const entry = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await entry.goto(communeUrl);
    await waitForState(entry, 'accepted');
    expect(await entry.textContent('.meta')).toContain('Đã tiếp nhận');
    await entry.context().close();

    const ops = await loginAs(browser, h.base, 'vanhanh');
    expect(new URL(ops.url()).pathname).toBe('/console');
    const id = provinceUrl.split('/').pop()!;
    const row = ops.locator(`tr[data-submission="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Đã xác nhận');
    await ops.context().close();
  });

  it('a report refused by the national system shows the refusal and its reason on the unit page', async () => {
    // The national simulator refuses the next signature it sees (a real refusal, with its code).
    h.national.faults.set({ mode: 'reject-signature', remaining: 1 });
    const entry = await loginAs(browser, h.base, 'tonghop.tinh');
    await entry.goto(provinceUrl);
    await waitForState(entry, 'accepted');
    await entry.click('button[data-action="request_correction"]');
    await entry.fill('#reason-text', 'Bổ sung số liệu của xã gửi sau');
    await entry.click('#reason-ok');
    await waitForState(entry, 'draft');
    // Back to editing drops the consolidation: the office sums its units' reports again.
    await entry.goto(`${h.base}/app/#/tong-hop`);
    await entry.click('#build-consolidated');
    await entry.waitForSelector('article[data-state="draft"] #grid');
    expect(entry.url()).toBe(provinceUrl);
    await entry.click('button[data-action="submit"]');
    await waitForState(entry, 'submitted');
    await entry.context().close();
    const leader = await loginAs(browser, h.base, 'lanhdao.tinh');
    await openInbox(leader, 'Chờ phê duyệt', provinceUrl);
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    await leader.context().close();
    const clerk = await loginAs(browser, h.base, 'vanthu.tinh');
    await openInbox(clerk, 'Chờ gửi', provinceUrl);
    await clerk.click('button[data-action="dispatch"]');
    await waitForState(clerk, 'refused', true);
    await clerk.context().close();

    const office = await loginAs(browser, h.base, 'tonghop.tinh');
    await office.goto(`${h.base}/app/#/bao-cao`);
    const row = unitRow(office);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('refused');
    expect(await row.textContent()).toContain('Bị từ chối');
    expect(await row.locator('.reason-text').textContent()).not.toBe('');
    await office.goto(provinceUrl);
    await waitForState(office, 'refused');
    const box = await office.textContent('#return-reason');
    expect(box).toContain('Bị từ chối bởi Hệ thống báo cáo Chính phủ');
    expect(box).toContain('Lý do');
    // Refused is back with the unit: it may fix and submit again.
    expect(await office.locator('button[data-action="submit"]').count()).toBe(1);
    await expectNoAxeViolations(office, 'refused report');
    await office.context().close();
  });
  it('a correction after acceptance goes through the leader again', async () => {
    const entry = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await entry.goto(communeUrl);
    await waitForState(entry, 'accepted');
    await entry.click('button[data-action="request_correction"]');
    await entry.fill('#reason-text', 'Kho bạc điều chỉnh số thu nội địa');
    await entry.click('#reason-ok');
    await waitForState(entry, 'draft');
    expect(await entry.textContent('#return-reason')).toContain('Kho bạc điều chỉnh số thu nội địa');
    expect(await entry.textContent('.meta')).toContain('(đính chính)');
    await typeCell(entry, 'Trong đó: Thu nội địa – Thực hiện tháng báo cáo', '95');
    await typeCell(entry, 'Tổng thu ngân sách nhà nước trên địa bàn – Thực hiện tháng báo cáo', '115');
    await waitForSaved(entry);
    await entry.click('button[data-action="submit"]');
    await waitForState(entry, 'submitted');
    // Data entry cannot approve its own correction: only the leader's inbox has it.
    expect(await entry.locator('button[data-action="approve"]').count()).toBe(0);
    await entry.context().close();

    const leader = await loginAs(browser, h.base, 'lanhdao.tamduong');
    await openInbox(leader, 'Chờ phê duyệt', communeUrl);
    expect(await leader.textContent('.meta')).toContain('(đính chính)');
    await leader.click('button[data-action="approve"]');
    await waitForState(leader, 'approved');
    const history = await leader.textContent('#history');
    expect(history).toContain('Đính chính');
    expect(history?.match(/Phê duyệt và ký số/g)?.length).toBe(2);
    await leader.context().close();
  });
});
