import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, loginAs, waitForSaved, waitForState } from './support/app-browser.js';

const REGIME = 'BAN-PHIM';
const FORM = 'BAN-PHIM-01';
const UNIT = 'lc-x-tam-duong';
const COLUMNS = [
  { code: 'PLAN', label: 'Kế hoạch năm', kind: 'number' as const },
  { code: 'THIS_PERIOD', label: 'Thực hiện tháng báo cáo', kind: 'number' as const },
];
const ROWS = 25;

/** The accessible name of the focused element (what a screen reader announces). */
const focused = (page: Page) => page.evaluate(`document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent`);

/** Presses Tab (Shift+Tab: `back`) until the focus is on `selector`, as a keyboard user gets there; never clicks. */
async function tabTo(page: Page, selector: string, back = false): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate(`Boolean(document.activeElement?.matches(${JSON.stringify(selector)}))`)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * A 50-cell form (25 indicators × 2 columns) filled and submitted with the keyboard alone, in
 * headless Chromium: Tab to the report, Enter opens it; Enter saves and moves down (and from the
 * last row to the top of the next column), arrows move by row and column, Esc reverts the cell
 * being edited; every input is named "indicator – column"; Tab to "Trình lãnh đạo", Enter submits.
 */
describe('reporting app: a 50-cell form filled and submitted with the keyboard alone', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const period = demoPeriods(new Date()).current;
  let labels: string[] = [];

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    // A form of 25 catalog indicators, each in its own unit, and a monthly regime for one commune.
    const indicators = (await h.core.indicators.list({})).slice(0, ROWS);
    expect(indicators).toHaveLength(ROWS);
    await h.core.regimes.create({
      code: REGIME,
      name: 'Báo cáo thử bàn phím',
      type: 'periodic',
      periodKinds: ['month'],
      deadlineRule: { workingDaysAfterCutoff: 5 },
      assignees: { orgUnitIds: [UNIT] },
    });
    await h.core.forms.create({
      code: FORM,
      name: 'Biểu 50 ô nhập bằng bàn phím',
      type: 'data',
      regimeCode: REGIME,
      rows: indicators.map((ind, i) => ({ indicatorCode: ind.code, order: i + 1, label: ind.name, unit: ind.unit })),
      columns: COLUMNS,
      constraints: [],
      narrative: null,
    });
    await h.core.assignments.generate(REGIME, period);
    labels = indicators.flatMap((ind) => COLUMNS.map((c) => `${ind.name} – ${c.label}`));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('every cell named "indicator – column"; Enter saves and moves on, arrows move by row and column, Esc reverts; submitted by keyboard', async () => {
    const page = await loginAs(browser, h.base, 'nhaplieu.tamduong');
    await page.waitForSelector('#unit-reports');
    await tabTo(page, `#unit-reports tr[data-form="${FORM}"] a.open-report`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#grid');

    // 50 inputs, each named by its indicator and column, in the form's order.
    const names = await page.locator('#grid input').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names).toEqual(labels);

    await tabTo(page, '#cell-0-0');
    // Column 1 top to bottom: type, Enter (saves, moves down). From the last row Enter goes to the next column's top.
    for (let r = 0; r < ROWS; r++) {
      expect(await focused(page)).toBe(labels[r * 2]);
      await page.keyboard.type(String(100 + r));
      await page.keyboard.press('Enter');
    }
    expect(await focused(page)).toBe(labels[1]);
    await waitForSaved(page);
    const saved = await h.submissions.service.list(
      { kind: 'user', id: 't', displayName: 't', roles: ['admin'], orgUnitId: 'lai-chau' },
      { formCode: FORM, orgUnitId: UNIT, limit: 1 },
    );
    const view = await h.submissions.service.get(
      { kind: 'user', id: 't', displayName: 't', roles: ['admin'], orgUnitId: 'lai-chau' },
      saved[0]!.id,
    );
    // Enter saved them (and the draft saves on its own too): the server holds column 1.
    expect(view.values.filter((v) => v.columnCode === 'PLAN').map((v) => v.value)).toHaveLength(ROWS);

    // Column 2 with the arrows: down from the top, typing then ArrowDown commits and moves.
    for (let r = 0; r < ROWS; r++) {
      expect(await focused(page)).toBe(labels[r * 2 + 1]);
      await page.keyboard.type(String(10 + r));
      if (r < ROWS - 1) await page.keyboard.press('ArrowDown');
    }
    // Left and right move by column (the cell's text is selected on arrival), up and down by row.
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe(labels[(ROWS - 1) * 2]);
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe(labels[(ROWS - 2) * 2]);
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(labels[(ROWS - 2) * 2 + 1]);

    // Esc reverts the cell being edited to what it held before.
    await page.keyboard.type('99999');
    expect(await page.inputValue('#cell-23-1')).toBe('99999');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#cell-23-1')).toBe('33');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#cell-23-1')).toBe('33');
    await page.keyboard.press('Enter');
    await waitForSaved(page);

    // Submitted with the keyboard: Shift+Tab back up to the button above the grid, Enter.
    await tabTo(page, 'button[data-action="submit"]', true);
    await page.keyboard.press('Enter');
    await waitForState(page, 'submitted');
    const after = await h.submissions.service.get(
      { kind: 'user', id: 't', displayName: 't', roles: ['admin'], orgUnitId: 'lai-chau' },
      saved[0]!.id,
    );
    const byRow = (col: string) =>
      after.values
        .filter((v) => v.columnCode === col)
        .map((v) => v.value)
        .sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(byRow('PLAN')).toEqual(Array.from({ length: ROWS }, (_, r) => 100 + r));
    expect(byRow('THIS_PERIOD')).toEqual(Array.from({ length: ROWS }, (_, r) => 10 + r));
    await page.context().close();
  });
});
