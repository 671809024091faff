import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, localDateOf } from '../../src/core/calendar/index.js';
import { demoActor } from '../../src/demo/actors.js';
import { launchBrowser } from '../support/browser.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs, waitForSaved, fillRecord } from './support/app-browser.js';

const FORM = 'DTC-DS01';
const REGIME = 'DTC-DUAN';
const PROVINCE = 'lai-chau';

const RECORD_1 = {
  'Mã dự án': 'DA-01',
  'Tên dự án': 'Đường tỉnh 129',
  'Nhóm dự án': 'B',
  'Tổng mức đầu tư': '120,5',
  'Ngày khởi công': '15/02/2026',
};
const RECORD_2 = {
  'Mã dự án': 'DA-02',
  'Tên dự án': 'Cầu Nậm Na',
  'Nhóm dự án': 'C',
  'Tổng mức đầu tư': '80',
  'Ngày khởi công': '28/02/2026',
};

/**
 * List entry offline (#15), in headless Chromium through a TCP relay the test cuts: a record
 * added with the network cut survives a reload and is saved on reconnect; a kept copy edited
 * from records the server no longer holds is never sent on its own: the user chooses.
 */
describe('reporting app: a list report survives a cut network and a reload', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let proxy: TcpProxy;
  let browser: Browser;
  const actor = demoActor(PROVINCE, 'data_entry');
  let id = '';
  const serverCodes = async () => (await h.submissions.service.get(actor, id)).records.map((r) => r.values.MA_DU_AN);

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    const deadline = addDays(localDateOf(new Date()), 30);
    await h.core.assignments.generate(REGIME, '', { adHoc: { id: 3, windowStart: '2026-01-01', windowEnd: '2026-03-31' }, deadline });
    proxy = await new TcpProxy(Number(new URL(h.base).port)).start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await h?.close();
  });

  it('keeps an offline record through a reload, saves it on reconnect, and asks when the server moved meanwhile', async () => {
    const page = await loginAs(browser, `http://${proxy.url}`, 'tonghop.tinh');
    await page.goto(`http://${proxy.url}/app/#/bao-cao`);
    await page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="2026-AH3"] a.open-report`).click();
    await page.waitForSelector('#list-editor');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    id = page.url().split('/').pop()!;
    await page.click('#add-record');
    await fillRecord(page, 1, RECORD_1);
    await waitForSaved(page);
    expect(await serverCodes()).toEqual(['DA-01']);

    // The line drops: a second record is typed, kept in the browser, not on the server.
    await proxy.cut();
    await page.context().setOffline(true);
    await page.click('#add-record');
    await fillRecord(page, 2, RECORD_2);
    await page.waitForSelector('#save-state[data-save="offline"]');
    expect(await serverCodes()).toEqual(['DA-01']);
    // No error box for a cut line: the save state says it.
    expect(await page.locator('#list-records .error-box[data-code]').count()).toBe(0);

    // A reload with the network still cut: both records come back from the browser.
    await page.reload();
    await page.waitForSelector('#list-editor');
    await page.waitForSelector('#save-state[data-save="offline"]');
    expect(await page.locator('#list-editor tbody tr').count()).toBe(2);
    expect(await page.getByLabel('Dòng 2 – Tên dự án', { exact: true }).inputValue()).toBe('Cầu Nậm Na');
    expect(await page.getByLabel('Dòng 1 – Tổng mức đầu tư', { exact: true }).inputValue()).toBe('120,5');

    // Back online: the kept list is saved.
    await proxy.restore();
    await page.context().setOffline(false);
    await waitForSaved(page);
    expect(await serverCodes()).toEqual(['DA-01', 'DA-02']);
    expect(await page.evaluate(`localStorage.getItem('lienthong.pending.list.${id}')`)).toBeNull();

    // Offline again, a third record; meanwhile a colleague removes DA-02 on the server.
    await proxy.cut();
    await page.context().setOffline(true);
    await page.click('#add-record');
    await fillRecord(page, 3, { ...RECORD_2, 'Mã dự án': 'DA-03', 'Tên dự án': 'Trạm y tế Bình Lư' });
    await page.waitForSelector('#save-state[data-save="offline"]');
    const saved = (await h.submissions.service.get(actor, id)).records;
    await h.submissions.service.saveRecords(actor, id, saved.slice(0, 1));
    await proxy.restore();
    await page.context().setOffline(false);
    // The page is read again: the kept copy was edited from records the server no longer holds.
    await page.reload();
    await page.waitForSelector('#list-conflict');
    expect(await page.textContent('#list-conflict')).toContain('3 bản ghi chưa lưu');
    expect(await page.locator('#list-editor tbody tr').count()).toBe(1);
    expect(await serverCodes()).toEqual(['DA-01']);
    await expectNoAxeViolations(page, 'list editor with an offline copy in conflict');
    // SCREENSHOT_DIR=docs/images: the picture in docs/webapp.md.
    if (process.env.SCREENSHOT_DIR) {
      await page.locator('#list-conflict').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-list-offline-conflict.png` });
    }
    await page.getByRole('button', { name: 'Giữ bản của tôi' }).click();
    await waitForSaved(page);
    expect(await serverCodes()).toEqual(['DA-01', 'DA-02', 'DA-03']);
    expect(await page.locator('#list-conflict').count()).toBe(0);
    await page.context().close();
  });
});
