import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleModule } from '../../src/console/module.js';
import { listAudit } from '../../src/store/audit-log.js';
import { MemoryDelivery } from '../console/support/memory-delivery.js';
import { deliveryStub } from '../console/support/modules.js';
import { buildFrontEnds, launchBrowser } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startIdentityHarness, type IdentityHarness } from '../identity/support/gateway.js';
import { Client, bearerFor } from '../identity/support/http.js';

const SCREENSHOT = new URL('../../docs/images/console-locked-accounts.png', import.meta.url).pathname;

/** The console's "Tài khoản bị khóa" view in Chromium: an admin sees who is locked out and unlocks (identity's unlock endpoint). */
describe('console: locked accounts and the admin unlock button', () => {
  let h: IdentityHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startIdentityHarness({
      // The console reads delivery's services; the accounts view needs none of its data.
      extraModules: [deliveryStub(new MemoryDelivery()), consoleModule],
      // The real clock (the browser drops a session cookie that expired by its own clock); a day-long
      // lock cannot end while the test runs, however slow the machine.
      env: { LOCKOUT_THRESHOLD: '3', LOCKOUT_SECONDS: '86400' },
    });
    buildFrontEnds(); // the console's bundle, as `npm start` builds it
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const token = (from: string, username: string, password: string) =>
    new Client(h.base).call<{ code: string }>('POST', '/api/v1/auth/token', {
      json: { username, password },
      headers: { 'x-forwarded-for': from },
    });

  async function lockOut(username: string, from: string): Promise<void> {
    for (let i = 0; i < 3; i += 1) expect((await token(from, username, `sai-${i}`)).body.code).toBe('CREDENTIALS_INVALID');
    expect((await token(from, username, DEMO_PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');
  }

  async function openConsoleAs(username: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective))",
    );
    await page.goto(`${h.base}/auth/login`);
    await page.fill('#username', username);
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/auth/login'), page.click('button[type=submit]')]);
    await page.goto(`${h.base}/console`);
    await page.waitForSelector('#user strong');
    return { page, violations };
  }

  it(
    'lists the locked accounts to an admin, unlocks one with confirmation, and the person logs in again',
    { timeout: 120_000 },
    async () => {
      await lockOut('lanhdao.tinh', '198.51.100.70');
      await lockOut('lanhdao.tinh', '198.51.100.71');
      await lockOut('vanthu.tinh', '198.51.100.72');
      const { page, violations } = await openConsoleAs('admin');
      expect(await page.isVisible('#tabs a[data-view="accounts"]')).toBe(true);
      await page.click('#tabs a[data-view="accounts"]');
      await page.waitForSelector('main[data-view="accounts"][aria-busy="false"]');
      const rows = page.locator('main tbody tr[data-username]');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-username'), tr.children[1]!.textContent]))).toEqual(
        expect.arrayContaining([
          ['lanhdao.tinh', '2'],
          ['vanthu.tinh', '1'],
        ]),
      );
      expect(await rows.count()).toBe(2);
      const row = page.locator('tr[data-username="lanhdao.tinh"]');
      expect(await row.locator('.state').textContent()).toBe('Đang bị khóa');
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      // "Hủy" changes nothing.
      await row.locator('button.unlock').click();
      await page.waitForSelector('#confirm:not([hidden])');
      expect(await page.textContent('#confirm-text')).toContain('lanhdao.tinh');
      await page.click('#confirm-cancel');
      expect((await token('198.51.100.70', 'lanhdao.tinh', DEMO_PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');

      await row.locator('button.unlock').click();
      await page.click('#confirm-ok');
      await page.waitForSelector('tr[data-username="lanhdao.tinh"].resolved');
      expect(await row.locator('.state').textContent()).toBe('Đã mở khóa');
      expect(await page.textContent('main .result')).toBe('Đã mở khóa lanhdao.tinh: gỡ 2 lượt khóa.');
      // Both sources are free again; the other account stays locked.
      expect((await token('198.51.100.70', 'lanhdao.tinh', DEMO_PASSWORD)).status).toBe(200);
      expect((await token('198.51.100.71', 'lanhdao.tinh', DEMO_PASSWORD)).status).toBe(200);
      expect((await token('198.51.100.72', 'vanthu.tinh', DEMO_PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');
      const audit = await listAudit(h.t.db, { action: 'user.unlocked' });
      expect(audit.map((e) => e.details)).toEqual([{ activeLocks: 2 }]);
      // After a reload the list holds only the account still locked.
      await page.reload();
      await page.waitForSelector('main[data-view="accounts"][aria-busy="false"]');
      expect(
        await page.locator('main tbody tr[data-username]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-username'))),
      ).toEqual(['vanthu.tinh']);
      expect(violations).toEqual([]);
      await page.close();
    },
  );

  it('shows the tab to no one but admins, and the list API refuses them', { timeout: 120_000 }, async () => {
    const { page } = await openConsoleAs('vanhanh');
    expect(await page.isHidden('#tabs a[data-view="accounts"]')).toBe(true);
    await page.close();
    const res = await new Client(h.base).call<{ code: string }>('GET', '/api/v1/users/locked', {
      headers: { authorization: `Bearer ${await bearerFor(h.base, 'vanhanh', DEMO_PASSWORD)}` },
    });
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });
});
