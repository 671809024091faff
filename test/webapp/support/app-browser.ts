import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../support/demo.js';

/** The tests read the bundle the gateway serves: build it as `npm start` would (no-op cost ~1 s). */
export function buildWebapp(): void {
  execFileSync(process.execPath, ['scripts/build-webapp.mjs'], { stdio: 'ignore', env: { ...process.env, CI_QUIET: '1' } });
}

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
