import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleModule } from '../../src/console/module.js';
import { MemoryDelivery } from '../console/support/memory-delivery.js';
import { deliveryStub } from '../console/support/modules.js';
import { securityHeaders } from '../../src/http/security-headers.js';
import { launchBrowser } from '../support/browser.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startIdentityHarness, type IdentityHarness } from '../identity/support/gateway.js';

/** helmet on the real gateway; the console and the login page run in Chromium under the strict CSP without a single violation. */
describe('security headers and a strict Content-Security-Policy', () => {
  let h: IdentityHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startIdentityHarness({ extraModules: [deliveryStub(new MemoryDelivery()), consoleModule] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('sends CSP without inline script or style, frame-ancestors none, nosniff and a referrer policy on pages and API', async () => {
    for (const path of ['/auth/login', '/console', '/api/v1/session', '/auth/assets/login.css']) {
      const res = await fetch(`${h.base}${path}`, { redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      // Plain HTTP here: no HSTS (it would lock browsers out of the http demo).
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('sends HSTS when the gateway is reached over TLS', async () => {
    const app = express();
    app.use(securityHeaders({ tls: true }));
    app.get('/x', (_req, res) => void res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      server.close();
    }
  });

  it('renders the login page and the console in Chromium with no CSP violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
    );
    await page.goto(`${h.base}/auth/login`);
    // The style sheet (moved out of the page) applies: the form column is 26rem wide.
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('416px');
    await page.fill('#username', 'vanhanh');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/auth/login'), page.click('button[type=submit]')]);
    await page.goto(`${h.base}/console`);
    await page.waitForSelector('#user strong');
    for (const view of ['overview', 'dead', 'charts']) {
      await page.goto(`${h.base}/console#${view}`);
      await page.waitForSelector(`main[data-view="${view}"][aria-busy="false"]`);
    }
    expect(violations).toEqual([]);
    await page.close();
  });
});
