import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The pages' scripts are bundles (the web app's and the console's, scripts/build-webapp.mjs):
 * build them as `npm start` would, so a browser test reads the code it is run with (~1 s).
 */
export function buildFrontEnds(): void {
  execFileSync(process.execPath, ['scripts/build-webapp.mjs'], { stdio: 'ignore', env: { ...process.env, CI_QUIET: '1' } });
}

/** Debian's Chromium (apt), never a downloaded browser. CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches real headless Chromium for browser tests. A missing browser fails the test with
 * instructions instead of skipping it: the console is only tested when a browser runs.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Containers run as root without user namespaces; /dev/shm is small there.
    // No background traffic (updates, sync, QUIC probes): tests stay offline and deterministic.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Playwright's 30 s default for each wait is a wall-clock bound the test does not control: the
  // suite must pass while another copy of it runs on the same cores. A hung page still fails.
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultTimeout(BROWSER_WAIT_MS);
    page.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
    return page;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(BROWSER_WAIT_MS);
    context.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
    return context;
  };
  return browser;
}

const BROWSER_WAIT_MS = 120_000;
