import { DEMO_PASSWORD } from '../support/demo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { consoleModule } from '../../src/console/module.js';
import { webappModule } from '../../src/webapp/module.js';
import { MemoryDelivery } from '../console/support/memory-delivery.js';
import { deliveryStub } from '../console/support/modules.js';
import { launchBrowser } from '../support/browser.js';
import { startIdentityHarness, type IdentityHarness } from './support/gateway.js';

/** The whole VNConnect login in real headless Chromium: login page → simulator picker → the role's home. */
describe('browser: VNConnect login lands on the home of the mapped role', () => {
  let h: IdentityHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startIdentityHarness({ extraModules: [deliveryStub(new MemoryDelivery()), consoleModule, webappModule] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('logs in a mapped official through the simulator picker', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.base}/auth/login`);
    expect(await page.locator('h1').textContent()).toBe('Đăng nhập');
    await page.getByText('Đăng nhập bằng VNConnect').click();
    await page.waitForURL((url) => url.toString().startsWith(h.sim.url));
    await page.locator('button[data-person="012085000101"]').click();
    // Leaders land on their own home in the reporting app (/app/home → /app/).
    await page.waitForURL((url) => url.pathname.startsWith('/app/'));
    expect(new URL(page.url()).origin).toBe(h.base);
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toMatchObject({ principal: { kind: 'user', roles: ['leader'], orgUnitId: 'lai-chau', displayName: 'Nguyễn Văn An' } });
    const cookies = await page.context().cookies(h.base);
    expect(cookies.find((c) => c.name === 'lt_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.close();
  });

  it('shows the pending state to an unmapped person instead of the console', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.base}/auth/login`);
    await page.getByText('Đăng nhập bằng VNConnect').click();
    await page.locator('button[data-person="079095000109"]').click();
    // The console admits only people with rights: a pending person is sent back to the login page, which says why.
    await page.waitForURL((url) => url.origin === h.base && url.pathname === '/auth/login');
    expect(await page.locator('#pending').textContent()).toContain('Tài khoản đang chờ phê duyệt');
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toMatchObject({ principal: null, user: { status: 'pending' }, message: 'Tài khoản đang chờ phê duyệt' });
    await page.close();
  });

  it('logs in with a local account through the form and shows a Vietnamese error on a wrong password', async () => {
    const page = await browser.newPage();
    await page.goto(`${h.base}/auth/login`);
    await page.fill('#username', 'lanhdao.binhlu');
    await page.fill('#password', 'sai-mat-khau');
    await page.click('button[type=submit]');
    expect(await page.locator('[role=alert]').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.fill('#username', 'lanhdao.binhlu');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    // Leaders land on their own home in the reporting app (/app/home → /app/).
    await page.waitForURL((url) => url.pathname.startsWith('/app/'));
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
    expect(session).toMatchObject({ principal: { roles: ['leader'], orgUnitId: 'lc-x-binh-lu' } });
    await page.close();
  });

  it('shows a Vietnamese error page, not JSON, when a callback arrives without its login', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${h.base}/auth/oidc/callback?code=gia-mao&state=gia-mao`);
    expect(res?.status()).toBe(401);
    expect(await page.locator('[role=alert]').getAttribute('data-code')).toBe('OIDC_STATE_MISMATCH');
    expect(await page.locator('[role=alert]').textContent()).toContain('Vui lòng đăng nhập lại');
    await page.close();
  });
});
