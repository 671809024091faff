import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { demoActor } from '../../src/demo/actors.js';
import { launchBrowser } from '../support/browser.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { enteredReport } from './support/entered-report.js';
import { buildWebapp, expectNoAxeViolations, loginAs, typeCell, waitForSaved } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const COMMUNE = 'lc-x-tam-duong';
const COLUMN = 'Thực hiện tháng báo cáo';
/** Entered online, before the cut. */
const ONLINE = { key: '0210|THIS_PERIOD', label: `Tổng chi ngân sách địa phương – ${COLUMN}`, value: 812 };
/** Entered offline; changed meanwhile on the server by a colleague: a conflict. */
const CLASH = { key: '0211|THIS_PERIOD', label: `Vốn đầu tư thực hiện từ nguồn ngân sách nhà nước – ${COLUMN}`, value: 345 };
/** Entered offline, untouched on the server: sent on reconnect. */
const QUIET = { key: '0501|THIS_PERIOD', label: `Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng – ${COLUMN}`, value: 2468 };
const SERVER_VALUE = 399;

const cellInput = (page: Page, key: string) => page.locator(`td[data-cell="${key}"] input`);

/**
 * Offline entry (#15), in headless Chromium, through a TCP relay the test cuts (the server
 * keeps running, as when a commune's line drops): values typed with the network cut and a
 * page reload keep everything; the page says what is pending; on reconnect it syncs, and a
 * value a colleague changed meanwhile on the server is shown beside the user's, never
 * silently overwritten, until the user chooses.
 */
describe('reporting app: entry survives a cut network and a reload, and reconciles on reconnect', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let proxy: TcpProxy;
  let browser: Browser;
  let id = '';
  const period = demoPeriods(new Date()).current;
  const entryActor = demoActor(COMMUNE, 'data_entry');
  const serverValue = async (key: string) => {
    const view = await h.submissions.service.get(entryActor, id);
    return view.values.find((v) => `${v.indicatorCode}|${v.columnCode}` === key)?.value;
  };

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    await h.core.regimes.setAutoDispatch('KTXH-THANG', false);
    id = await enteredReport(h, { formCode: FORM, orgUnitId: COMMUNE, periodKey: period }, { seed: 15 });
    proxy = await new TcpProxy(Number(new URL(h.base).port)).start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await h?.close();
  });

  it('keeps offline values through a reload, lists them, syncs on reconnect and shows the conflict', async () => {
    const page = await loginAs(browser, `http://${proxy.url}`, 'nhaplieu.tamduong');
    await page.locator(`#unit-reports tr[data-form="${FORM}"][data-period="${period}"] a.open-report`).click();
    await page.waitForSelector('#grid');
    // The page and its bundle are kept by the service worker once it controls the page.
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await typeCell(page, ONLINE.label, String(ONLINE.value));
    await waitForSaved(page);
    expect(await serverValue(ONLINE.key)).toBe(ONLINE.value);
    const before = { clash: await serverValue(CLASH.key), quiet: await serverValue(QUIET.key) };

    // The line drops: the relay refuses every connection and the browser knows it is offline.
    await proxy.cut();
    await page.context().setOffline(true);
    await typeCell(page, CLASH.label, String(CLASH.value));
    await typeCell(page, QUIET.label, String(QUIET.value));
    await page.waitForSelector('#save-state[data-save="offline"]');
    const pending = page.locator('#pending-cells li');
    expect(await pending.count()).toBe(2);
    expect(await page.textContent(`#pending-cells li[data-cell="${CLASH.key}"]`)).toContain(CLASH.label);
    expect(await page.textContent(`#pending-cells li[data-cell="${QUIET.key}"]`)).toContain('2.468');
    expect(await serverValue(CLASH.key)).toBe(before.clash);
    expect(await serverValue(QUIET.key)).toBe(before.quiet);

    // A reload with the network still cut: the page, the report and the three figures come back.
    await page.reload();
    await page.waitForSelector('#grid');
    await page.waitForSelector('#offline-banner');
    // The kept cells are offered again at once, fail to reach the server, and are listed.
    await page.waitForSelector('#save-state[data-save="offline"]');
    expect(await page.locator('#pending-cells li').count()).toBe(2);
    expect(await cellInput(page, ONLINE.key).inputValue()).toBe('812');
    expect(await cellInput(page, CLASH.key).inputValue()).toBe('345');
    expect(await cellInput(page, QUIET.key).inputValue()).toBe('2.468');

    // Meanwhile a colleague of the same unit changes one of those cells on the server.
    const [indicatorCode, columnCode] = CLASH.key.split('|');
    await h.submissions.service.saveValues(entryActor, id, [{ indicatorCode, columnCode, value: SERVER_VALUE }]);

    // Back online: the untouched cell is sent, the changed one is shown beside the user's value.
    await proxy.restore();
    await page.context().setOffline(false);
    const conflict = page.locator(`#conflicts li[data-cell="${CLASH.key}"]`);
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`trên máy chủ ${SERVER_VALUE}`);
    expect(await conflict.textContent()).toContain(`của bạn ${CLASH.value}`);
    await waitForSaved(page);
    expect(await serverValue(QUIET.key)).toBe(QUIET.value);
    expect(await serverValue(CLASH.key)).toBe(SERVER_VALUE);
    expect(await serverValue(ONLINE.key)).toBe(ONLINE.value);
    expect(await page.locator('#pending-cells').count()).toBe(0);
    expect(await page.locator('#offline-banner').count()).toBe(0);
    await expectNoAxeViolations(page, 'report with a conflict after reconnecting');
    // SCREENSHOT_DIR=docs/images: the picture in the README.
    if (process.env.SCREENSHOT_DIR) {
      await page.locator('#conflicts').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/app-offline-conflict.png` });
    }

    // The user keeps his figure: only now is the server's value replaced.
    await conflict.getByRole('button', { name: 'Giữ số của tôi' }).click();
    await waitForSaved(page);
    expect(await page.locator('#conflicts').count()).toBe(0);
    expect(await serverValue(CLASH.key)).toBe(CLASH.value);
    expect(await cellInput(page, CLASH.key).inputValue()).toBe('345');
    await page.context().close();
  });
});
