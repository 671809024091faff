import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../support/demo.js';

/** The tests read the bundle the gateway serves: build it as `npm start` would (no-op cost ~1 s). */
export { buildFrontEnds as buildWebapp } from '../../support/browser.js';

/** A fresh browser context (own cookies) logged in through the real login form; lands on the role's home. */
export async function loginAs(browser: Browser, base: string, username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/auth/login`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/auth'), { waitUntil: 'commit' }), page.click('button[type=submit]')]);
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core in the page (evaluated through the devtools protocol, so a strict CSP does not block
 * it): no WCAG 2.1 A/AA violation.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  expect(violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
}

/** Types a value into the grid cell named "indicator – column" and leaves it (blur runs the checks). */
export async function typeCell(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

export async function waitForSaved(page: Page): Promise<void> {
  await page.waitForSelector('#save-state[data-save="saved"]');
}

/**
 * From the role's home, the tab `tab` (e.g. "Chờ phê duyệt", "Chờ gửi"), the row of the report
 * at `reportUrl`, opened: the way the person finds the work waiting for them.
 */
export async function openInbox(page: Page, tab: string, reportUrl: string): Promise<void> {
  await page.getByRole('link', { name: tab, exact: true }).click();
  await page.waitForSelector('#inbox-count');
  expect(await page.textContent('h1')).toBe(tab);
  const id = reportUrl.split('/').pop()!;
  await page.locator(`table.inbox tr[data-submission="${id}"] a.open-report`).click();
  await page.waitForSelector(`article[data-submission="${id}"]`);
  expect(page.url()).toBe(reportUrl);
}

/**
 * Waits until the report page shows `state` (or one of several). With `reload`, the state changes
 * elsewhere (the national simulator's answer): the page is reloaded until it shows it (no timing
 * asserted). Several states serve a step whose next one may come on its own before the page
 * renders: a report sent to the national simulator can already be "accepted" when it is re-read.
 */
export async function waitForState(page: Page, state: string | readonly string[], reload = false): Promise<void> {
  const states = typeof state === 'string' ? [state] : state;
  if (!reload) {
    try {
      await page.waitForSelector(states.map((st) => `article[data-state="${st}"]`).join(', '));
    } catch (e) {
      // The failure says what the person read instead (an error box), not only that time ran out.
      const shown = await page.locator('.error-box[data-code]').allTextContents();
      throw new Error(
        `${(e as Error).message}\nshown: ${shown.join(' | ') || 'no error'}; state ${await page.getAttribute('article', 'data-state')}`,
        { cause: e },
      );
    }
    return;
  }
  for (;;) {
    await page.waitForSelector('article[data-state]');
    if (states.includes((await page.getAttribute('article', 'data-state')) ?? '')) return;
    await page.waitForTimeout(200);
    await page.reload();
  }
}

/** Fills the cells of one record of the list editor (inputs named "Dòng n – column"). */
export async function fillRecord(page: Page, rowNo: number, values: Record<string, string>): Promise<void> {
  for (const [column, value] of Object.entries(values)) {
    const input = page.getByLabel(`Dòng ${rowNo} – ${column}`, { exact: true });
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption({ label: value });
    else await input.fill(value);
  }
}
