/**
 * A 2,000-cell consolidated form in the reporting app (issue 15): 500 indicators × 4 columns with
 * 50 sum rules (each total = its 9 parts, on 3 columns) and a range rule, entered for the
 * province, opened by the province office's real account (real login, real session, the whole
 * gateway on PGlite with its simulators) in headless Debian Chromium with the CPU throttled 4×
 * (devtools `Emulation.setCPUThrottlingRate`). Printed beside, in the same run and the same
 * throttling: a bare page (node:http, no script) holding the same 2,000 named inputs, the limit of
 * what any page of that size costs the browser.
 * - interactive: from navigation to the first cell taking a typed digit (goal ≤ 1.5 s);
 * - typing: per keystroke, from the key event to the frame after its handlers ran (goal p95 ≤ 50 ms),
 *   over 60 cells × 4 digits, each cell left with ArrowDown (the save and the form's rules run);
 * - virtualised: rows in the page vs the form's rows, at the top and scrolled to the bottom.
 * Run: npx tsx bench/grid-2000.ts [throttle rate, default 4]
 */
import { printHotspots, startBarePage, throttle, timeToInteractive, typeDownColumn, percentile, type CpuProfile } from './browser-probe.js';
import { logger } from '../src/shared/logger.js';
import { demoPeriods } from '../src/demo/demo-traffic.js';
import { demoActor } from '../src/demo/actors.js';
import { launchBrowser } from '../test/support/browser.js';
import { startRealGateway } from '../test/console/support/real-gateway.js';
import { buildWebapp, loginAs } from '../test/webapp/support/app-browser.js';

logger.level = process.env.LOG_LEVEL ?? 'error';
const RATE = Number(process.argv[2] ?? 4);
const ROWS = 500;
const GROUP = 10;
const UNIT = 'lai-chau';
const REGIME = 'BENCH-2000';
const FORM = 'BENCH-2000-01';
const COLUMNS = [
  { code: 'PLAN', label: 'Kế hoạch năm', kind: 'number' as const },
  { code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' as const },
  { code: 'YTD', label: 'Lũy kế từ đầu năm', kind: 'number' as const },
  { code: 'PCT_SAME_PERIOD', label: 'So với cùng kỳ năm trước (%)', kind: 'percent' as const },
];
if (!process.env.WEBAPP_DEBUG) buildWebapp();
const h = await startRealGateway();
const browser = await launchBrowser();
try {
  const period = demoPeriods(new Date()).current;
  const catalog = await h.core.indicators.list({});
  const codes: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const existing = catalog[i];
    if (existing) codes.push(existing.code);
    else {
      const code = `BENCH.${String(i).padStart(3, '0')}`;
      await h.core.indicators.create({ ...catalog[0]!, code, name: `Chỉ tiêu thử ${i + 1}`, unit: 'tỷ đồng' });
      codes.push(code);
    }
  }
  const known = new Map((await h.core.indicators.list({})).map((ind) => [ind.code, ind]));
  const names = new Map([...known].map(([code, ind]) => [code, ind.name]));
  await h.core.regimes.create({
    code: REGIME,
    name: 'Báo cáo tổng hợp 2.000 ô',
    type: 'periodic',
    periodKinds: ['month'],
    deadlineRule: { workingDaysAfterCutoff: 5 },
    assignees: { orgUnitIds: [UNIT] },
  });
  const sums = Array.from({ length: ROWS / GROUP }, (_, g) => ({
    id: `tong-${g}`,
    type: 'sum' as const,
    total: codes[g * GROUP]!,
    parts: codes.slice(g * GROUP + 1, (g + 1) * GROUP),
    columns: ['PLAN', 'THIS_PERIOD', 'YTD'],
  }));
  await h.core.forms.create({
    code: FORM,
    name: 'Biểu tổng hợp 2.000 ô',
    type: 'data',
    regimeCode: REGIME,
    rows: codes.map((code, i) => ({
      indicatorCode: code,
      order: i + 1,
      label: `${names.get(code) ?? code} (${i + 1})`,
      unit: known.get(code)!.unit,
    })),
    columns: COLUMNS,
    constraints: [...sums, { id: 'khong-am', type: 'range', rows: codes, columns: ['PLAN', 'THIS_PERIOD', 'YTD'], min: 0 }],
    narrative: null,
  });
  await h.core.assignments.generate(REGIME, period);
  const [assignment] = await h.core.assignments.list({ periodKey: period, formCode: FORM, orgUnitIds: [UNIT] });
  const entry = demoActor(UNIT, 'data_entry');
  const draft = await h.submissions.service.create(entry, { assignmentId: assignment!.id });
  // Figures that satisfy every rule: each part i·c, each total the sum of its parts.
  const values = codes.flatMap((code, i) =>
    COLUMNS.map((c, k) => {
      const group = Math.floor(i / GROUP);
      const part = (j: number) => (j + 1) * (k + 1);
      const value =
        c.code === 'PCT_SAME_PERIOD'
          ? 100 + (i % 7)
          : i % GROUP === 0
            ? Array.from({ length: GROUP - 1 }, (_, j) => part(group * GROUP + j + 1)).reduce((a, b) => a + b, 0)
            : part(i);
      return { indicatorCode: code, columnCode: c.code, value };
    }),
  );
  await h.submissions.service.saveValues(entry, draft.id, values);
  const labels = codes.map((code, i) => COLUMNS.map((c) => `${names.get(code) ?? code} (${i + 1}) – ${c.label}`));
  const bare = await startBarePage(labels);

  const page = await loginAs(browser, h.base, 'tonghop.tinh');
  await page.waitForSelector('nav.main');
  const reportUrl = `${h.base}/app/#/bao-cao/${draft.id}`;
  // Warm the browser's caches (bundle, API) once, as a user opening the report a second time would.
  await page.goto(reportUrl);
  await page.waitForSelector('#cell-0-1');
  await page.goto(`${h.base}/app/#/bao-cao`);
  await page.waitForSelector('#unit-reports');

  await throttle(page, RATE);
  const bareMs = await timeToInteractive(page, bare.url, '#cell-0-1');
  // The bare page's inputs do not move on ArrowDown: the next cell is focused by the driver.
  const bareLatencies = await typeDownColumn(page, '#cell-1-1', (r) => page.locator(`#cell-${r + 1}-1`).focus());
  const appMs = await timeToInteractive(page, reportUrl, '#cell-0-1');
  const rendered = await page.locator('#grid tbody tr').count();
  await page.keyboard.press('Escape');

  const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  const metrics = async () => {
    if (!profiler) return new Map<string, number>();
    const { metrics: m } = (await profiler.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return new Map(m.map((x) => [x.name, x.value]));
  };
  if (profiler) await profiler.send('Performance.enable');
  const before = await metrics();
  if (profiler) {
    console.log(`  DOM nodes ${await page.evaluate('document.getElementsByTagName("*").length')}`);
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const requests = new Map<string, number>();
  const countRequest = (r: { url(): string; method(): string }) => {
    const key = `${r.method()} ${new URL(r.url()).pathname.replace(/[0-9a-f-]{36}/, ':id')}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
  };
  page.on('request', countRequest);
  const latencies = await typeDownColumn(page, '#cell-1-1');
  page.off('request', countRequest);
  if (process.env.BENCH_KEYS) console.log('  requests while typing', Object.fromEntries(requests));
  await page.waitForSelector('#save-state[data-save="saved"]');
  if (profiler) {
    printHotspots(((await profiler.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    const after = await metrics();
    for (const k of ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration', 'LayoutCount', 'RecalcStyleCount', 'Nodes'])
      console.log(`  ${k} ${((after.get(k) ?? 0) - (before.get(k) ?? 0)).toFixed(2)}`);
  }
  await page
    .locator('#grid-wrap, .grid-wrap')
    .first()
    .evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForSelector(`#cell-${ROWS - 1}-0`);
  const renderedAtBottom = await page.locator('#grid tbody tr').count();
  const violations = await page.locator('#violations li').count();

  console.log(
    `grid: ${ROWS} rows × ${COLUMNS.length} columns = ${ROWS * COLUMNS.length} cells, ${sums.length} sum rules; Chromium CPU throttled ${RATE}×`,
  );
  console.log(
    `interactive (navigation → first cell takes a digit)  app ${Math.round(appMs)} ms; bare page of the same inputs ${Math.round(bareMs)} ms (limit)`,
  );
  console.log(`  ratio app / bare ${(appMs / bareMs).toFixed(2)}; goal ≤ 1,500 ms: ${appMs <= 1500 ? 'met' : 'not met'}`);
  const p95 = percentile(latencies, 95);
  const bareP95 = percentile(bareLatencies, 95);
  console.log(
    `typing, ${latencies.length} keystrokes (key → next frame)  app p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
  );
  console.log(
    `  bare page p50 ${percentile(bareLatencies, 50).toFixed(1)} ms, p95 ${bareP95.toFixed(1)} ms (limit); ratio of p95 ${(p95 / bareP95).toFixed(2)}; goal p95 ≤ 50 ms: ${p95 <= 50 ? 'met' : 'not met'}`,
  );
  console.log(
    `virtualised: ${rendered} rows in the page at the top, ${renderedAtBottom} at the bottom, of ${ROWS}; rule violations after typing: ${violations}`,
  );
  bare.close();
} finally {
  await browser.close();
  await h.close();
}
