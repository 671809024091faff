import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/databases.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { until } from '../support/private-servers.js';

const PASSWORD = 'Thu-nghiem-2026';
const dbName = `lt_drain_${randomBytes(4).toString('hex')}`;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A raw HTTP/1.1 client: the test decides when each byte of the request goes out. */
function rawRequest(url: string, head: string): { socket: Socket; answer: Promise<string>; closed: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (d: Buffer) => void (received += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.write(head);
  return { socket, answer: closed.then(() => received), closed };
}

/**
 * SIGTERM while one client is in the middle of a normal request and another stalls its upload:
 * the process stops accepting, lets the normal request finish, ends the stalled connection at
 * SHUTDOWN_DRAIN_SECONDS and exits 0 (before the drain timeout it waited forever).
 */
describe('graceful shutdown with a stalled client (gateway as a child process)', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${dbName}`);
    gw = await startGatewayProcess({
      DATABASE_URL: TEST_DATABASE_URL.replace(/\/[^/]*$/, `/${dbName}`),
      DEMO: 'true',
      DEMO_PASSWORD: PASSWORD,
      DEMO_TRAFFIC: 'false',
      // Long enough for the normal request to finish on a loaded machine; the stalled one is cut at it.
      SHUTDOWN_DRAIN_SECONDS: '20',
    });
    await until(async () => (await gw.ready()) === 200, 'the gateway to be ready', 240_000);
  }, 400_000);
  afterAll(async () => {
    await gw?.kill();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }, 120_000);

  it('finishes the in-flight request, closes the stalled upload at the drain limit and exits 0', async () => {
    const body = JSON.stringify({ username: 'admin', password: PASSWORD });
    const half = Math.floor(body.length / 2);
    const normal = rawRequest(
      gw.url,
      `POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, half)}`,
    );
    // An upload that announces 5 MB and sends 64 bytes, then nothing.
    const stalled = rawRequest(
      gw.url,
      `POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 5000000\r\n\r\n{"username":"${'x'.repeat(40)}`,
    );
    let stalledClosed = false;
    void stalled.closed.then(() => (stalledClosed = true));
    // Both requests are in the server's hands (connections counted) before the signal.
    await until(
      async () => gw.child.pid !== undefined && normal.socket.readyState === 'open' && stalled.socket.readyState === 'open',
      'both clients connected',
    );
    const from = gw.logs.length;
    gw.child.kill('SIGTERM');
    await gw.waitForLog((l) => l.message === 'shutting down', 'the shutdown to start', from);
    // New connections are refused from now on (the listening socket closes first).
    await until(async () => (await gw.ready()) !== 200, 'no more new requests served');
    // The normal client sends the rest of its request during the drain: it is served in full.
    normal.socket.write(body.slice(half));
    const answer = await normal.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toMatch(/"access_token":"[^"]+"/);
    expect(stalledClosed).toBe(false); // the stalled one is still held: only the drain limit ends it
    expect(await gw.exited).toBe(0);
    await stalled.closed;
    expect(await stalled.answer).toBe(''); // cut, never answered half-read
    const timeout = gw.logs.find((l) => l.message === 'drain timeout reached: open connections closed');
    expect(timeout).toMatchObject({ connections: 1, drainMs: 20_000 });
  }, 300_000);
});
