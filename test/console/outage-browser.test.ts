import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods, DemoTraffic } from '../../src/demo/demo-traffic.js';
import type { PacketView } from '../../src/delivery/services.js';
import { buildFrontEnds, launchBrowser } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startRealGateway, type RealHarness } from './support/real-gateway.js';

/** Tuesday 5 Jan 2027, 08:00 in Hanoi: inside monthly period 2027-M01, before its deadline. */
const OUTAGE_AT = Date.parse('2027-01-05T01:00:00Z');
/** Wednesday 20 Jan 2027, 10:00 in Hanoi: the console is opened in the next period, 2027-M02. */
const OPENED_AT = Date.parse('2027-01-20T03:00:00Z');

/**
 * The demo's outage, replayed with the gateway's clock in our hands: the national simulator is
 * down (fault switch) while last month's reports go out. The province's monthly report fails
 * until the national circuit opens, and then waits (fast retry settings);
 * December's late report is past its deadline, so it goes through the e-document fallback at
 * once. Fifteen days later the console opens
 * on the new month and still shows both, with age, attempts, Vietnamese reason and action.
 */
describe('console after an outage in the previous period, in a browser', { timeout: 240_000 }, () => {
  let clock = OUTAGE_AT;
  let h: RealHarness;
  let browser: Browser;
  let page: Page;
  let stuck: PacketView;
  let fallback: PacketView;

  const until = async <T>(what: () => Promise<T | undefined>): Promise<T> => {
    for (;;) {
      const v = await what();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    h = await startRealGateway(
      {
        // 50 ms between attempts until a few failures open the national circuit; a packet held
        // back by an open circuit then waits an hour without spending an attempt.
        RETRY_BASE_MS: '50',
        RETRY_FACTOR: '1',
        RETRY_JITTER: '0',
        RETRY_MAX_ATTEMPTS: '20',
        RETRY_CIRCUIT_OPEN_MS: '3600000',
        BREAKER_VOLUME: '2',
        BREAKER_RESET_MS: '3600000',
        RECONCILE_INTERVAL_MS: '3600000',
      },
      { now: () => new Date(clock) },
    );
    const { current, previous } = demoPeriods(new Date(OUTAGE_AT));
    h.national.faults.set({ mode: 'down', remaining: 10_000 });
    const traffic = new DemoTraffic(h.core, h.submissions);
    await traffic.assign(current);
    const [sent] = (await traffic.send(current, 1)).filter((o) => 'national' in o);
    const reportId = sent && 'national' in sent ? sent.national!.submissionId : '';
    stuck = await until(async () => {
      const [p] = await h.delivery.listPackets({ submissionId: reportId });
      return p?.state === 'queued' && p.lastErrorCode === 'CIRCUIT_OPEN' ? p : undefined;
    });
    // December's report, sent late during the same outage: its deadline has passed.
    await traffic.assign(previous);
    const [late] = (await traffic.send(previous, 1)).filter((o) => 'national' in o);
    const lateId = late && 'national' in late ? late.national!.submissionId : '';
    fallback = await until(async () => {
      const [p] = await h.delivery.listPackets({ submissionId: lateId });
      return p?.state === 'sent_via_fallback' ? p : undefined;
    });
    clock = OPENED_AT;
    buildFrontEnds(); // the console's bundle, as `npm start` builds it
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    // A gateway start and two signed reports on two shared cores.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the overview of the new month opens with what is stuck from last month: age, attempts, Vietnamese reason and action', async () => {
    await page.goto(`${h.base}/console`);
    await page.fill('#username', 'vanhanh');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${h.base}/console`), page.click('button[type=submit]')]);
    await page.waitForSelector('main[data-view="overview"] #attention tr[data-packet]');
    expect(await page.textContent('#attention h2')).toBe('Cần xử lý (2, mọi kỳ báo cáo)');
    const cells = async (id: string) => page.locator(`#attention tr[data-packet="${id}"] td`).allTextContents();

    const [kind, period, unit, form, state, age, attempts, reason, action] = await cells(stuck.packetId);
    expect([kind, period, unit, form, state]).toEqual([
      'Kẹt trong hàng đợi',
      stuck.periodKey,
      'Ủy ban nhân dân tỉnh Lai Châu',
      'KTXH-THANG-01',
      'Chờ gửi',
    ]);
    // Queued at 08:00 on 5 Jan, looked at 10:00 on 20 Jan.
    expect(age).toBe('15 ngày 2 giờ');
    // Attempts stop when the circuit opens (a held-back packet spends none): the count it stopped at.
    expect(stuck.attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBe(String(stuck.attempts));
    // Held back by the open circuit: said in Vietnamese, with the stable code in small print.
    expect(reason).toBe('Kênh tạm ngắt (cầu dao mở) sau nhiều lần gửi lỗi liên tiếpCIRCUIT_OPEN');
    expect(reason).not.toMatch(/circuit is open|unreachable|ECONN/i);
    expect(action).toBe('Chờ kênh phục hồi, cầu dao tự thử lại; báo cáo quá 3 giờ làm việc tự gửi qua QLVBĐH');

    const [fKind, fPeriod, , , fState, fAge, fAttempts, fReason, fAction] = await cells(fallback.packetId);
    expect([fKind, fPeriod, fState, fAge]).toEqual([
      'Gửi qua dự phòng, chờ đối soát',
      fallback.periodKey,
      'Gửi qua dự phòng',
      '15 ngày 2 giờ',
    ]);
    expect(fAttempts).toBe(String(fallback.attempts));
    expect(fReason).toContain('đã gửi qua QLVBĐH');
    expect(fAction).toBe('Đã gửi qua QLVBĐH: sẽ tự đối soát khi kênh chính phục hồi');
    // Neither row can be re-run from here: they are not dead letters.
    expect(await page.locator('#attention button.rerun').count()).toBe(0);
    await page.screenshot({ path: 'docs/images/console-outage.png' });
  });

  it('the banner and the circuit tab say the same thing: the national circuit is open since the outage began', async () => {
    const since = new Date(OUTAGE_AT).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
    expect(await page.textContent('#circuit-banner')).toContain(
      `Cầu dao Kênh chính (HTTB Chính phủ) đang mở (đã ngắt kết nối) từ ${since}`,
    );
    await page.click('a[data-view="circuits"]');
    const national = page.locator('main[data-view="circuits"] tr[data-channel="national"] td');
    await national.first().waitFor();
    expect(await national.allTextContents()).toEqual(['Kênh chính (HTTB Chính phủ)', `mở (đã ngắt kết nối) từ ${since}`, since]);
    const edoc = await page.locator('tr[data-channel="edoc"] td').allTextContents();
    expect(edoc.slice(1)).toEqual(['đóng (bình thường)', 'Không có lỗi']);
  });
});
