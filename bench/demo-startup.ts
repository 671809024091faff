/**
 * `npm start` on a bare machine: seconds from launch to listening, to the first demo packet
 * acknowledged by the national simulator, and to the first packet through the fallback
 * channel (the scripted incident). Fresh data directory each run.
 *
 *   npx tsx bench/demo-startup.ts [--incident]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const withIncident = process.argv.includes('--incident');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function metric(base: string, pattern: RegExp): Promise<boolean> {
  try {
    return pattern.test(await (await fetch(`${base}/metrics`)).text());
  } catch {
    return false;
  }
}

async function until(check: () => Promise<boolean>, limitMs: number): Promise<number | null> {
  const t0 = performance.now();
  while (performance.now() - t0 < limitMs) {
    if (await check()) return performance.now();
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: join(dir, 'pglite'),
  DATABASE_URL: '',
  REDIS_URL: '',
  LOG_LEVEL: 'warn',
  DEMO_INCIDENT_AFTER_MS: withIncident ? '5000' : '0',
  DEMO_INCIDENT_MS: '20000',
};
const start = performance.now();
const child = spawn(process.execPath, ['bin/lienthong.js', 'start'], { env, stdio: 'ignore' });
const secs = (t: number | null) => (t === null ? 'not reached' : `${((t - start) / 1000).toFixed(1)} s`);
try {
  const listening = await until(
    async () =>
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    120_000,
  );
  const acknowledged = await until(() => metric(base, /^lienthong_delivery_packets_total\{state="acknowledged"\} [1-9]/m), 120_000);
  console.log(`listening:                 ${secs(listening)}`);
  console.log(`first packet acknowledged: ${secs(acknowledged)}`);
  if (withIncident) {
    const fallback = await until(
      () => metric(base, /^lienthong_delivery_packets_total\{state="(sent_via_fallback|reconciled)"\} [1-9]/m),
      120_000,
    );
    const reconciled = await until(() => metric(base, /^lienthong_delivery_packets_total\{state="reconciled"\} [1-9]/m), 180_000);
    console.log(`first fallback packet:     ${secs(fallback)}`);
    console.log(`first reconciled packet:   ${secs(reconciled)}`);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
